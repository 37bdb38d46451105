// Barrel of the Node-only code-execution area (sandboxed child processes, worker threads). Wired into
// src/node/index.ts, i.e. the `passk/node` subpath; never imported by the pure core.
export type {
  JsonValue,
  CodeLanguage,
  StdioTest,
  CallTest,
  ProgramTest,
  LiteralCallTest,
  TaggedCallTest,
  OutputChecker,
  CodeTest,
  CodeReference,
  TestStatus,
  ExecutionLimits,
  RunRequest,
  RunOutcome,
  CodeRunner,
  IsolationInfo,
  IsolatedCodeRunner,
} from "./types.js";
export { SandboxUnavailableError, LimitUnavailableError, RunnerFailedError, SandboxFusionResponseError, CheckerRequiredError } from "./errors.js";
export { localRunner, type LocalRunnerOptions } from "./localRunner.js";
export { outputMatches, jsonEqual, type OutputComparison } from "./compareOutput.js";
export { codeVerifier, resolveLimits, type CodeVerifierOptions, type CodeVerifierResult, type TestResult } from "./codeVerifier.js";
export {
  sandboxFusionRunner,
  sandboxFusionRequest,
  type SandboxFusionOptions,
  type SandboxFusionRetry,
  type SandboxFusionRequest,
  type SandboxFusionResponse,
  type SandboxFusionCommandResult,
} from "./sandboxFusionRunner.js";
export { createVerifierPool, type VerifierPool, type VerifierPoolOptions } from "./verifierPool.js";
export { humanEvalReference, type HumanEvalProblem } from "./benchmarks/humanEval.js";
export { mbppReference, type MbppOptions } from "./benchmarks/mbpp.js";
export { bigCodeBenchReference } from "./benchmarks/bigCodeBench.js";
export { appsReference, type AppsOptions, type AppsTests } from "./benchmarks/apps.js";
export { liveCodeBenchReference, type LiveCodeBenchOptions } from "./benchmarks/liveCodeBench.js";
export {
  codeContestsReference,
  codeContestsSolutions,
  multipleAnswersPhrase,
  type CodeContestsOptions,
  type CodeContestsTestGroup,
  type CodeContestsLanguage,
  type CodeContestsSolution,
} from "./benchmarks/codeContests.js";
export { codeContestsOutputsMatch } from "./codeContestsOutputsMatch.js";
export {
  encodeTagged,
  decodeTagged,
  TAGGED_MAX_DEPTH,
  type TaggedValue,
  type TaggedUndefined,
  type TaggedNumber,
  type TaggedBigInt,
  type TaggedMap,
  type TaggedSet,
  type TaggedObject,
} from "./taggedValue.js";
export { valueEqual } from "./valueEqual.js";
