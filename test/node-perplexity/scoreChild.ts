// Child process of the kill-and-resume test: scores a file against the endpoint given, slowly
// (one request at a time), until the parent kills it with SIGKILL.
import { scoreResponsesFile } from "../../src/node/index.js";

const [file, out, endpoint] = process.argv.slice(2) as [string, string, string];
await scoreResponsesFile(file, out, { endpoint, model: "toy", concurrency: 2, baseDelayMs: 1, maxDelayMs: 5 });
