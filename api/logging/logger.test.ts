import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "./logger.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("createLogger", () => {
  it("writes one JSON line per event at or above its level, the time to the millisecond", () => {
    const lines: string[] = [];
    const logger = createLogger("info", (line) => lines.push(line));
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-30T17:00:00.123Z"));
    logger.debug("hidden");
    logger.info("request", { path: '/v1/"x"', status: 200 });
    logger.warn("again");
    vi.setSystemTime(new Date("2026-11-30T17:00:00.124Z"));
    logger.error("later", { level: "overridden field keeps its place" });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: "2026-11-30T17:00:00.123Z", level: "info", msg: "request", path: '/v1/"x"', status: 200 },
      { time: "2026-11-30T17:00:00.123Z", level: "warn", msg: "again" },
      { time: "2026-11-30T17:00:00.124Z", level: "overridden field keeps its place", msg: "later" },
    ]);
    expect(lines[0]).toBe(
      '{"time":"2026-11-30T17:00:00.123Z","level":"info","msg":"request","path":"/v1/\\"x\\"","status":200}',
    );
  });

  it("follows the clock across loggers and back in time", () => {
    const lines: string[] = [];
    const a = createLogger("debug", (line) => lines.push(line));
    const b = createLogger("debug", (line) => lines.push(line));
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2027-01-01T00:00:00.000Z"));
    a.info("a");
    vi.setSystemTime(new Date("2026-12-31T23:59:59.999Z"));
    b.info("b");
    expect(lines.map((l) => JSON.parse(l).time)).toEqual([
      "2027-01-01T00:00:00.000Z",
      "2026-12-31T23:59:59.999Z",
    ]);
  });
});
