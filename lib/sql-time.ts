import { Prisma } from './db.ts';

/**
 * Times in hand-written SQL. Columns hold UTC timestamps without a zone (Prisma's default), so a
 * bound time is cast to timestamp(3), which also keeps the comparison on the column's index.
 */
export const utcTimestamp = (time: Date | string) => Prisma.sql`${typeof time === 'string' ? time : time.toISOString()}::timestamp(3)`;

/** The conditions `column >= from` and `column < toExclusive`, for the ends the filter has. */
export function timeRangeConditions(column: Prisma.Sql, range: { from?: Date; toExclusive?: Date }): Prisma.Sql[] {
  return [
    ...(range.from ? [Prisma.sql`${column} >= ${utcTimestamp(range.from)}`] : []),
    ...(range.toExclusive ? [Prisma.sql`${column} < ${utcTimestamp(range.toExclusive)}`] : []),
  ];
}
