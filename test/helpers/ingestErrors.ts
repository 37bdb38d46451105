// The IngestError a promise rejects with; a fulfilled promise or any other error fails the test.
import { expect } from "vitest";
import { IngestError } from "../../src/node/index.js";

export async function rejectsWithIngestError(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error("expected an IngestError");
}
