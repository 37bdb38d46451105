// Barrel of the analysis area; each module re-exported here.
export {};
