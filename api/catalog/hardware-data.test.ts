import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HARDWARE_FILES, HardwareFileError, loadHardwareFiles } from "./load-hardware-files.js";

const dataDir = join(import.meta.dirname, "..", "..", "pricing-data");

describe("hardware catalogue files", () => {
  it("validate against their schemas and cross-check", async () => {
    const files = await loadHardwareFiles(dataDir);
    const ids = files.accelerators.accelerators.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "h100-sxm",
        "h100-pcie",
        "h200",
        "a100-80gb",
        "l40s",
        "l4",
        "rtx-4090",
        "mi300x",
        "b200",
      ]),
    );
    for (const b of files.benchmarks.benchmarks) expect(ids).toContain(b.accelerator);
    for (const s of files.servers.servers) expect(ids).toContain(s.accelerator);
  });

  it("carry the sourced reference figures", async () => {
    const { accelerators, servers, defaults, benchmarks } = await loadHardwareFiles(dataDir);
    const h100 = accelerators.accelerators.find((a) => a.id === "h100-sxm");
    expect(h100).toMatchObject({
      memoryGB: "80",
      memoryBandwidthGBps: "3350",
      bf16DenseTflops: "989",
      fp8DenseTflops: "1979",
      tdpWatts: "700",
    });
    expect(h100?.rentPrices[0]).toMatchObject({ pricePerHour: "2.99", provider: "Lambda" });
    expect(accelerators.accelerators.find((a) => a.id === "a100-80gb")?.fp8DenseTflops).toBeNull();
    expect(servers.servers.find((s) => s.id === "dgx-h100")?.maxPowerWatts).toBe("10200");
    expect(defaults.pricePerKwh.value).toBe("0.0771");
    expect(defaults.pue.value).toBe("1.56");
    // serverPowerFactor is DGX H100 10.2 kW / (8 × 700 W) rounded
    expect(Number(defaults.serverPowerFactor.value)).toBeCloseTo(10200 / (8 * 700), 2);
    const mlperf = benchmarks.benchmarks.find((b) => b.id === "mlperf-v4-1-llama-2-70b-h100-sxm-x8-offline");
    expect(mlperf).toMatchObject({
      model: "llama-3-70b",
      measuredModel: "Llama-2-70b-chat-hf",
      tokensPerSecond: "24524.9",
      counts: "output",
    });
  });

  it("every price and benchmark is sourced and dated", async () => {
    const { accelerators, benchmarks } = await loadHardwareFiles(dataDir);
    for (const a of accelerators.accelerators) {
      expect(a.specs.source.length).toBeGreaterThan(0);
      for (const p of [...a.purchasePrices, ...a.rentPrices]) {
        expect(p.source.length).toBeGreaterThan(0);
        expect(p.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    for (const b of benchmarks.benchmarks) {
      // an undated stored source says so in its note instead of inventing a date
      if (b.date === null) expect(b.note, b.id).toMatch(/date UNCONFIRMED|UNCONFIRMED \(no date/i);
      else expect(b.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("errors name the file and the JSON path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hw-"));
    for (const f of Object.values(HARDWARE_FILES)) {
      await writeFile(join(dir, f), await readFile(join(dataDir, f), "utf8"));
    }
    const acc = JSON.parse(await readFile(join(dataDir, HARDWARE_FILES.accelerators), "utf8"));
    acc.accelerators[2].purchasePrices[0].pricePerAccelerator = "-5";
    await writeFile(join(dir, HARDWARE_FILES.accelerators), JSON.stringify(acc));
    const err = await loadHardwareFiles(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HardwareFileError);
    expect((err as HardwareFileError).file).toBe("accelerators.json");
    expect((err as HardwareFileError).message).toContain(
      "$.accelerators[2].purchasePrices[0].pricePerAccelerator",
    );
  });

  it("rejects a benchmark on an unknown accelerator", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hw-"));
    for (const f of Object.values(HARDWARE_FILES)) {
      await writeFile(join(dir, f), await readFile(join(dataDir, f), "utf8"));
    }
    const bench = JSON.parse(await readFile(join(dataDir, HARDWARE_FILES.benchmarks), "utf8"));
    bench.benchmarks[0].accelerator = "tpu-v9";
    await writeFile(join(dir, HARDWARE_FILES.benchmarks), JSON.stringify(bench));
    await expect(loadHardwareFiles(dir)).rejects.toThrow(
      /throughput-benchmarks\.json: \$\.benchmarks\[0\]\.accelerator: unknown accelerator tpu-v9/,
    );
  });
});
