// The DuckDB recipe of docs/scaling.md: aggregate graded samples (Parquet or JSONL, any size) to a
// counts table with DuckDB, check it, and read it with passk's ingestCounts.
//
//   node --import tsx examples/duckdb-counts.ts 'samples/*.parquet' counts.parquet
//   node --import tsx examples/duckdb-counts.ts --generate 10000000 work/   # ≥ 10M-row demo
//
// @duckdb/node-api is a devDependency of this repository for this script and its test (a native
// package of ~70 MB): never a dependency of passk. test/examples-duckdb.test.ts runs the
// same functions on 10M generated rows and checks every count against its closed form.
import { join, resolve } from "node:path";
import { mkdirSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { ingestCounts, type IngestCountsResult } from "../src/node/index.js";

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Writes `rows` graded samples to a Parquet file: 2 models × `problems` problems, sample indices
 * 0.. per problem; sample i of problem p is correct when i % 100 < p % 100 (base) or < p % 100 + 5 (rl),
 * so every count is known in closed form.
 */
export async function generateSamples(path: string, problems: number, samplesPerProblem: number): Promise<void> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run(`COPY (
    SELECT m.model, 'p' || p.i AS problem_id, s.i AS sample_index,
           (s.i % 100) < (p.i % 100) + CASE WHEN m.model = 'rl' THEN 5 ELSE 0 END AS correct
    FROM (VALUES ('base'), ('rl')) m(model), range(${problems}) p(i), range(${samplesPerProblem}) s(i)
  ) TO ${sqlString(path)} (FORMAT parquet)`);
  con.closeSync();
}

/** The recipe: GROUP BY to counts, with the checks that no sample is counted twice and no correctness is NULL. */
export async function aggregateToCounts(samplesGlob: string, countsPath: string): Promise<void> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const source = samplesGlob.endsWith(".parquet") ? `read_parquet(${sqlString(samplesGlob)})` : `read_json_auto(${sqlString(samplesGlob)})`;
  const nulls = await con.runAndReadAll(`SELECT COUNT(*) AS k FROM ${source} WHERE correct IS NULL`);
  const nullCount = Number(nulls.getRowObjects()[0]?.k);
  if (nullCount !== 0) throw new Error(`${nullCount} samples have no correctness (NULL): grade them or drop them explicitly`);
  await con.run(`COPY (
    SELECT model, CAST(problem_id AS VARCHAR) AS problem_id, COUNT(*) AS n,
           COUNT(*) FILTER (WHERE correct) AS c, COUNT(DISTINCT sample_index) AS distinct_samples
    FROM ${source} GROUP BY ALL
  ) TO ${sqlString(countsPath)} (FORMAT parquet)`);
  const dup = await con.runAndReadAll(`SELECT COUNT(*) AS k FROM read_parquet(${sqlString(countsPath)}) WHERE n <> distinct_samples`);
  const dupCount = Number(dup.getRowObjects()[0]?.k);
  if (dupCount !== 0) throw new Error(`${dupCount} (model, problem) pairs have a sample index counted twice`);
  con.closeSync();
}

/** Reads the counts table with passk. */
export function readCounts(countsPath: string): Promise<IngestCountsResult> {
  return ingestCounts(countsPath);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--generate") {
    const rows = Number(args[1] ?? 10_000_000);
    const dir = resolve(args[2] ?? "duckdb-demo");
    mkdirSync(dir, { recursive: true });
    const samplesPerProblem = 1000;
    const problems = Math.ceil(rows / 2 / samplesPerProblem);
    const samples = join(dir, "samples.parquet");
    let t = performance.now();
    await generateSamples(samples, problems, samplesPerProblem);
    console.log(`generated ${2 * problems * samplesPerProblem} samples in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await aggregateToCounts(samples, join(dir, "counts.parquet"));
    console.log(`DuckDB GROUP BY in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const r = await readCounts(join(dir, "counts.parquet"));
    console.log(`passk read ${r.rowsAccepted} counts rows = ${r.samplesAdded} samples`);
    return;
  }
  if (args.length !== 2) {
    console.error("usage: node --import tsx examples/duckdb-counts.ts <samples glob> <counts.parquet> | --generate <rows> <dir>");
    process.exitCode = 2;
    return;
  }
  await aggregateToCounts(args[0] as string, args[1] as string);
  const r = await readCounts(args[1] as string);
  console.log(`${r.rowsAccepted} (model, problem) rows, ${r.samplesAdded} samples -> passk report ${args[1]}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]).endsWith("duckdb-counts.ts")) await main();
