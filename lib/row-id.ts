import { randomBytes } from 'node:crypto';

let lastTime = 0;
let sequence = 0;

/**
 * A new row id in the shape of the database's (cuid-like: "c" and 24 base-36 characters) that
 * grows with every call in this process: rows created in the file's order keep that order where
 * the export breaks ties by id (annotations on one span, relations), so a re-export comes out in
 * the order it went in.
 */
export function newRowId(): string {
  const time = Math.max(Date.now(), lastTime);
  sequence = time === lastTime ? sequence + 1 : 0;
  lastTime = time;
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(-9);
  return `c${time.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(6, '0')}${random}`;
}
