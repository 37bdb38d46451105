// Barrel of the logprobs area; each module re-exported here.
export {};
