// Barrel of the verifiers area; each module re-exported here.
export {};
