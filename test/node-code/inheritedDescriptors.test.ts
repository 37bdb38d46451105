// Descriptors the evaluator inherited without close-on-exec (here 40 and 200, pipes to this test)
// must not reach a graded program: in the sandbox they are closed before it starts, without it
// they are /dev/null (read-only). The evaluator runs as a child process given those descriptors;
// the graded programs report what they see and try to write to them, and their checks pass only
// when the report is the expected one. Nothing may arrive on the pipes.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

const FIXTURE = fileURLToPath(new URL("./fixtures/strayDescriptors.ts", import.meta.url));
const STRAYS = [40, 200];

interface Report {
  readonly inheritable: number[];
  readonly results: Record<string, { status: string; detail: string }>;
}

describe("descriptors the evaluator inherited", () => {
  it("are closed before a sandboxed program starts, and /dev/null without the sandbox; secret-pipe program tests still pass", async () => {
    const stdio: ("pipe" | "ignore")[] = Array.from({ length: Math.max(...STRAYS) + 1 }, (_, i) => (i <= 2 || STRAYS.includes(i) ? "pipe" : "ignore"));
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, ...STRAYS.map(String)], { stdio });
    const received = new Map<number, string>(STRAYS.map((fd) => [fd, ""]));
    for (const fd of STRAYS) (child.stdio[fd] as Readable).on("data", (c: Buffer) => received.set(fd, received.get(fd)! + c.toString("latin1")));
    let out = "";
    let err = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr!.on("data", (c: Buffer) => (err += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 170_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(timer);
    expect({ code, err: code === 0 ? "" : err.slice(-2000) }).toEqual({ code: 0, err: "" });
    const report = JSON.parse(out) as Report;
    // The evaluator does hold them without close-on-exec, so the test can fail.
    expect(report.inheritable).toEqual(expect.arrayContaining(STRAYS));
    for (const [name, r] of Object.entries(report.results)) expect([name, r.status, r.status === "correct" ? "" : r.detail]).toEqual([name, "correct", ""]);
    expect(Object.keys(report.results)).toHaveLength(8);
    expect([...received.values()]).toEqual(["", ""]);
  }, 180_000);
});
