/**
 * Node's log sink: JSON lines to stdout, batched. `console.log` on a pipe or a file is a synchronous
 * write per line — one system call for every request's log line. Here the lines logged while the
 * event loop works through a batch of requests are joined and written once, right after (next
 * `setImmediate`), or as soon as 64 KiB are pending. Order is kept; on exit (`process.exit`, an
 * uncaught exception) whatever is pending is written synchronously. Only a SIGKILL can lose lines,
 * and at most one loop turn's worth.
 */
import { writeSync } from "node:fs";

export interface LogSink {
  write(line: string): void;
  /** Write whatever is pending now. */
  flush(): void;
}

export function bufferedStdout(maxPendingBytes = 64 * 1024): LogSink {
  let pending: string[] = [];
  let pendingBytes = 0;
  let scheduled = false;
  const take = () => {
    const chunk = pending.join("");
    pending = [];
    pendingBytes = 0;
    return chunk;
  };
  const flush = () => {
    scheduled = false;
    if (pending.length > 0) process.stdout.write(take());
  };
  process.once("exit", () => {
    if (pending.length === 0) return;
    try {
      writeSync(1, take());
    } catch {
      // stdout is gone; nothing left to tell
    }
  });
  return {
    write(line) {
      pending.push(`${line}\n`);
      pendingBytes += line.length + 1;
      if (pendingBytes >= maxPendingBytes) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
