import fs from "node:fs/promises";
import path from "node:path";
import { PolicybotError, errorMessage } from "../util/errors.js";

/**
 * One ingest at a time per index folder. Two ingests into one folder each
 * build a version from the same previous one and the last to publish wins:
 * the other's work is silently lost (and an incremental one may link
 * segments the other is about to remove). The lock is DIR/ingest.lock,
 * created exclusively ('wx'), holding the owner's pid and start time. Readers
 * never look at it: a published version is complete whatever an ingest is
 * doing.
 *
 * A lock whose pid is no longer running is stale (the ingest was killed) and
 * is taken over with a warning. Only pids on this machine can be checked; an
 * index folder shared over the network between machines is not supported.
 */
export const LOCK_FILE = "ingest.lock";

/**
 * Lock files this process holds. A lock naming this process's own pid that
 * is not among them was left by an earlier process that had the same pid —
 * a restarted container, where the bot is pid 1 again — and is stale.
 */
const heldHere = new Set<string>();

/** A lock being written this instant has no content yet; one older than this without content is debris. */
const UNREADABLE_GRACE_MS = 10_000;

export interface IngestLock {
  /** Remove the lock if it is still ours (someone may have removed it by hand and another ingest taken it). */
  release(): Promise<void>;
}

type Holder = { pid: number; startedAt: Date; raw: string } | { pid?: undefined; raw: string; ageMs: number };

export async function acquireIngestLock(dir: string, warn: (message: string) => void): Promise<IngestLock> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    const mine = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() });
    const fh = await fs.open(file, "wx").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EEXIST") return undefined;
      throw new PolicybotError(`cannot create ${file}: ${errorMessage(e)}`, { cause: e });
    });
    if (fh) {
      // Before the content is written: an ingest of this process that finds the lock then knows it is live.
      heldHere.add(file);
      try {
        await fh.writeFile(mine);
      } catch (e) {
        await fh.close().catch(() => undefined);
        heldHere.delete(file);
        await fs.rm(file, { force: true }).catch(() => undefined);
        throw new PolicybotError(`cannot write ${file}: ${errorMessage(e)}`, { cause: e });
      }
      await fh.close();
      return { release: () => release(file, mine) };
    }

    const holder = await readHolder(file);
    // Released between our attempt and the read: try again.
    if (!holder) continue;
    if (attempt < 3) {
      if (holder.pid !== undefined && !alive(holder.pid, file)) {
        warn(`taking over ${file}: the ingest that held it (pid ${holder.pid}, since ${clock(holder.startedAt)}) is no longer running`);
        await removeIfUnchanged(file, holder.raw);
        continue;
      }
      if (holder.pid === undefined && holder.ageMs > UNREADABLE_GRACE_MS) {
        warn(`taking over ${file}: it does not say which ingest holds it (left by one that was killed?)`);
        await removeIfUnchanged(file, holder.raw);
        continue;
      }
    }
    throw new PolicybotError(
      holder.pid !== undefined
        ? `another ingest (pid ${holder.pid}) is writing to ${dir} since ${clock(holder.startedAt)}; wait for it or remove ${file}`
        : `another ingest is starting to write to ${dir}; wait for it or remove ${file}`,
    );
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  let raw: string;
  let ageMs: number;
  try {
    [raw, ageMs] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file).then((s) => Date.now() - s.mtimeMs)]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new PolicybotError(`cannot read ${file}: ${errorMessage(e)}`, { cause: e });
  }
  try {
    const { pid, startedAt } = JSON.parse(raw) as { pid?: unknown; startedAt?: unknown };
    const at = typeof startedAt === "string" ? new Date(startedAt) : undefined;
    if (Number.isInteger(pid) && (pid as number) > 0 && at && !Number.isNaN(at.getTime())) return { pid: pid as number, startedAt: at, raw };
  } catch {
    // Not JSON: being written, or debris.
  }
  return { raw, ageMs };
}

/** Whether process `pid` runs. EPERM means it does, as another user's. */
function alive(pid: number, file: string): boolean {
  if (pid === process.pid) return heldHere.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Remove a stale lock unless it changed since it was read (another process
 * took it over first). Not atomic: two processes taking over the same stale
 * lock within the same millisecond could both proceed; that needs a killed
 * ingest and two new ones started at once.
 */
async function removeIfUnchanged(file: string, raw: string): Promise<void> {
  const now = await fs.readFile(file, "utf8").catch(() => undefined);
  if (now === raw) await fs.rm(file, { force: true });
}

async function release(file: string, mine: string): Promise<void> {
  heldHere.delete(file);
  const now = await fs.readFile(file, "utf8").catch(() => undefined);
  if (now === mine) await fs.rm(file, { force: true }).catch(() => undefined);
}

/** "14:03", or "2026-11-21 14:03" when not today (local time). */
function clock(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date();
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay ? hm : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}
