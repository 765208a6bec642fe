import { NextResponse } from 'next/server';
import { databaseIsUp } from '@/lib/health';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/other-methods';

export const dynamic = 'force-dynamic';

export async function GET() {
  const up = await databaseIsUp();
  return NextResponse.json(up ? { status: 'ok' } : { status: 'unavailable', database: 'down' }, {
    status: up ? 200 : 503,
    headers: { 'cache-control': 'no-store', ...(up ? {} : { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) }) },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
