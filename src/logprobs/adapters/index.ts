// Adapters from each API's logprob format to TokenLogprobs.
export type { AdapterOptions, PromptAdapterOptions } from "./buildSequence.js";
export {
  fromOpenAIChat,
  type OpenAIChatResponseLike,
  type OpenAIChatChunkLike,
  type OpenAIChatLogprobsLike,
  type OpenAIChatTokenLogprob,
  type OpenAIChatOptions,
} from "./openaiChat.js";
export {
  fromOpenAICompletions,
  type OpenAICompletionsResponseLike,
  type OpenAICompletionsOptions,
  type LegacyLogprobs,
} from "./openaiCompletions.js";
export {
  fromOpenAIResponses,
  type OpenAIResponsesResponseLike,
  type OpenAIResponsesContentPartLike,
  type OpenAIResponsesStreamEventLike,
} from "./openaiResponses.js";
export { fromVllm, type VllmRequestOutputLike, type VllmLogprob, type VllmLogprobDict } from "./vllm.js";
export {
  fromVllmCompletions,
  fromVllmChat,
  type VllmServerOptions,
  type VllmCompletionsResponseLike,
  type VllmChatResponseLike,
} from "./vllmServer.js";
export { fromSGLang, type SGLangResponseLike, type SGLangLogprobTuple } from "./sglang.js";
export { fromTGI, type TGIResponseLike, type TGISequenceLike, type TGIToken, type TGIOptions } from "./tgi.js";
export {
  fromLlamaCpp,
  type LlamaCppResponseLike,
  type LlamaCppTokenProbability,
  type LlamaCppLegacyTokenProbability,
  type LlamaCppOptions,
} from "./llamaCpp.js";
export { fromOllama, type OllamaResponseLike } from "./ollama.js";
