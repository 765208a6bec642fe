-- Database outages and dead processes (issue 12, section 2 and 4).

-- An import job whose process died, or whose uploader went away, is marked INTERRUPTED by
-- every app process (lib/articles/import/job-liveness.ts): at start and every 15 seconds, jobs
-- open with a heartbeat older than 45 seconds (the process that fed them is gone) or with no
-- heartbeat and no change for 10 minutes. The process importing into a job refreshes its
-- heartbeat every 10 seconds and clears it when done.
ALTER TYPE "ImportJobStatus" ADD VALUE 'INTERRUPTED';

ALTER TABLE "ImportJob" ADD COLUMN "heartbeatAt" TIMESTAMP(3);

-- A user disabled, given another role or a new password: their open event streams check at
-- once whether they may go on (lib/live/event-stream.ts), instead of at the next minute's check.
-- Hand-written: Prisma cannot express triggers. A later migration that recreates "User" must
-- recreate this trigger too.
CREATE FUNCTION "newsmark_live_account"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "newsmark_live_notify"(json_build_object('t', 'account', 'userId', NEW."id"));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "User_live_account"
AFTER UPDATE OF "disabledAt", "role", "sessionVersion" ON "User"
FOR EACH ROW
WHEN (OLD."disabledAt" IS DISTINCT FROM NEW."disabledAt" OR OLD."role" IS DISTINCT FROM NEW."role" OR OLD."sessionVersion" IS DISTINCT FROM NEW."sessionVersion")
EXECUTE FUNCTION "newsmark_live_account"();
