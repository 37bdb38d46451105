/**
 * vLLM's per-position logprob dicts `{ "<token id>": { logprob, rank, decoded_token } }`, used by
 * offline `RequestOutput` dumps and the server's `prompt_logprobs`. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { invalidLogprob } from "../policy.js";
import type { TopLogprob } from "../tokenLogprobs.js";
import type { RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, asTokenId, describe, readLogprob } from "./shape.js";

function entryLogprob(v: unknown, field: string, position: number, sequence: number | undefined): { logprob: number; token: string | undefined } {
  // A Logprob dataclass dumped to JSON, or a bare float when the dump flattened it.
  if (typeof v === "number") return { logprob: v, token: undefined };
  const o = asObject(v, field);
  const lp = readLogprob(o["logprob"], `${field}.logprob`, position, sequence);
  if (lp === null) throw invalidLogprob("null", lp, position, sequence, `${field}.logprob`);
  const d = o["decoded_token"];
  return { logprob: lp, token: d === null || d === undefined ? undefined : asString(d, `${field}.decoded_token`) };
}

/**
 * Reads a list of dicts. `ids[j]` names the sampled/prompt token at position j; without ids, a
 * dict must hold a single entry. A null entry is passed on as a null logprob: buildSequence
 * allows it only for the first prompt token.
 * @internal
 */
export function readVllmDicts(
  list: unknown,
  ids: readonly unknown[] | undefined,
  field: string,
  idsField: string,
  sequence: number | undefined,
  offset: number,
): RawToken[] {
  const entries = asArray(list, field);
  if (ids !== undefined && ids.length !== entries.length) {
    throw new InvalidArgumentError(`${idsField} has length ${ids.length} but ${field} has length ${entries.length}`, {
      field: idsField,
      value: ids.length,
    });
  }
  return entries.map((entry, j) => {
    const f = `${field}[${j}]`;
    const position = offset + j;
    const id = ids === undefined ? undefined : asTokenId(ids[j], `${idsField}[${j}]`);
    if (entry === null || entry === undefined) {
      return { token: id === undefined ? "" : `token_id:${id}`, logprob: null, ...(id === undefined ? {} : { id }) };
    }
    const dict = asObject(entry, f);
    const keys = Object.keys(dict);
    let key: string;
    if (id !== undefined) key = String(id);
    else if (keys.length === 1) key = keys[0] as string;
    else {
      throw new InvalidArgumentError(
        `${f} has ${keys.length} entries and no token id says which one is the scored token: provide ${idsField}`,
        { field: idsField },
      );
    }
    if (!(key in dict)) {
      throw new InvalidArgumentError(`${f} has no entry for token id ${key} (keys: ${keys.join(", ")})`, { field: f, value: describe(entry) });
    }
    const top: TopLogprob[] = [];
    let sampled: { logprob: number; token: string | undefined } | undefined;
    for (const k of keys) {
      const e = entryLogprob(dict[k], `${f}[${JSON.stringify(k)}]`, position, sequence);
      const kid = asTokenId(k, `${f} key`);
      if (k === key) sampled = e;
      top.push({ token: e.token ?? `token_id:${kid}`, logprob: e.logprob, id: kid });
    }
    const s = sampled as { logprob: number; token: string | undefined };
    const tokenId = asTokenId(key, `${f} key`);
    return { token: s.token ?? `token_id:${tokenId}`, logprob: s.logprob, top, id: tokenId };
  });
}
