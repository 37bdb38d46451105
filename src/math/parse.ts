/**
 * Tokenizer and recursive-descent parser for LaTeX / plain math answers. Internal.
 * @internal
 * @module
 */
import type { MathNode, RelOp } from "./ast.js";
import { type Budget, MathLimitError } from "./limits.js";
import { rat } from "./rational.js";

type Tok =
  | { t: "num"; v: string }
  | { t: "id"; v: string }
  | { t: "fn"; v: string }
  | { t: "const"; v: "pi" | "e" | "inf" }
  | { t: "op"; v: string }
  | { t: "text"; v: string }
  | { t: "env"; v: "begin" | "end" };

/**
 * Thrown when the answer is not parseable math (a plain class: an expected outcome, no stack
 * trace). `unsupported` marks well-formed LaTeX we do not implement (`\lg`, `\max`, an unknown
 * environment): only such answers are worth handing to the CAS, never malformed ones.
 */
export class ParseFailure {
  constructor(
    readonly message: string,
    readonly unsupported = false,
  ) {}
}

/**
 * Thrown when the answer is readable but deliberately refused ("2 3": two numbers side by side
 * are not a product): the CAS must not be asked to read it some other way.
 */
export class RefusedForm extends ParseFailure {}

const FUNCS = new Set([
  "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
  "ln", "log", "exp", "sqrt", "abs",
]);
const GREEK = new Set([
  "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
  "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
  "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega",
]);
const OP_CMDS: Record<string, string> = {
  cdot: "*", times: "*", ast: "*", div: "/", le: "<=", leq: "<=", leqslant: "<=", ge: ">=", geq: ">=", geqslant: ">=",
  lt: "<", gt: ">", ne: "!=", neq: "!=", cup: "cup", pm: "pm", mp: "mp", to: "->", rightarrow: "->", in: "in",
  lfloor: "lfloor", rfloor: "rfloor", lceil: "lceil", rceil: "rceil", mid: "|", vert: "|", lvert: "|", rvert: "|", colon: ":", approx: "~",
  thickapprox: "~", equiv: "=", reals: "reals", setminus: "setminus", backslash: "setminus", ldots: "ellipsis", dots: "ellipsis",
  cdots: "ellipsis", dotsc: "ellipsis", dotsb: "ellipsis", dotso: "ellipsis", vdots: "ellipsis",
};
// Decorations that carry no value before a name: "\angle ABC", "m\angle A".
const IGNORED_CMDS = new Set(["angle", "measuredangle", "triangle", "mathrm"]);
const WORDS = new Map<string, Tok>([
  ["pi", { t: "const", v: "pi" }],
  ["inf", { t: "const", v: "inf" }],
  ["infty", { t: "const", v: "inf" }],
  ["infinity", { t: "const", v: "inf" }],
  ["arcsin", { t: "fn", v: "arcsin" }],
  ["arccos", { t: "fn", v: "arccos" }],
  ["arctan", { t: "fn", v: "arctan" }],
  ["sqrt", { t: "fn", v: "sqrt" }],
  ["sin", { t: "fn", v: "sin" }],
  ["cos", { t: "fn", v: "cos" }],
  ["tan", { t: "fn", v: "tan" }],
  ["sec", { t: "fn", v: "sec" }],
  ["csc", { t: "fn", v: "csc" }],
  ["cot", { t: "fn", v: "cot" }],
  ["log", { t: "fn", v: "log" }],
  ["ln", { t: "fn", v: "ln" }],
  ["exp", { t: "fn", v: "exp" }],
]);

function tokenize(s: string, budget: Budget): Tok[] {
  const out: Tok[] = [];
  const lim = budget.limits;
  let i = 0;
  while (i < s.length) {
    budget.tick();
    const c = s[i] as string;
    if (c === " " || c === "\n" || c === "\t") {
      i++;
      continue;
    }
    if (c === "." && s.startsWith("...", i)) {
      out.push({ t: "op", v: "ellipsis" });
      i += 3;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      let j = i;
      while (j < s.length && /[0-9]/.test(s[j] as string)) j++;
      if (s[j] === "." && /[0-9]/.test(s[j + 1] ?? "")) {
        j++;
        while (j < s.length && /[0-9]/.test(s[j] as string)) j++;
      }
      if (j === i) throw new ParseFailure(`stray "."`);
      if (j - i > lim.maxLiteralDigits) throw new MathLimitError("number literal too long");
      out.push({ t: "num", v: s.slice(i, j) });
      i = j;
      continue;
    }
    if (c === "\\") {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i, i + 40));
      if (!m) throw new ParseFailure("dangling backslash");
      const name = m[1] as string;
      i += m[0].length;
      if (name === "{" || name === "}") out.push({ t: "op", v: name === "{" ? "\\{" : "\\}" });
      else if (name === "\\") out.push({ t: "op", v: "\\\\" });
      else if (name === "%") out.push({ t: "op", v: "%" });
      else if (name === "frac" || name === "binom" || name === "sqrt") out.push({ t: "fn", v: name });
      else if (FUNCS.has(name)) out.push({ t: "fn", v: name });
      else if (name === "pi") out.push({ t: "const", v: "pi" });
      else if (name === "infty" || name === "infin") out.push({ t: "const", v: "inf" });
      else if (name === "emptyset" || name === "varnothing") out.push({ t: "op", v: "empty" });
      else if (GREEK.has(name)) out.push({ t: "id", v: name });
      else if (name in OP_CMDS) out.push({ t: "op", v: OP_CMDS[name] as string });
      else if (name === "begin" || name === "end") {
        const env = /^\s*\{([a-zA-Z*]+)\}/.exec(s.slice(i, i + 30));
        if (!env) throw new ParseFailure("malformed environment");
        i += env[0].length;
        if (!/^[pbvBV]?matrix\*?$|^array$/.test(env[1] as string)) throw new ParseFailure(`unsupported environment ${env[1]}`, true);
        if (env[1] === "array" && name === "begin" && s[i] === "{") {
          const close = s.indexOf("}", i);
          i = close < 0 ? s.length : close + 1;
        }
        out.push({ t: "env", v: name });
      } else if (name === "text" || name === "mbox" || name === "textrm") {
        let j = i;
        while (s[j] === " ") j++;
        if (s[j] !== "{") throw new ParseFailure("malformed \\text");
        const close = s.indexOf("}", j);
        if (close < 0) throw new ParseFailure("unbalanced \\text");
        out.push({ t: "text", v: s.slice(j + 1, close) });
        i = close + 1;
      } else if (name === "operatorname") {
        // Known names were respelled and single letters unwrapped by the normalizer: what is left
        // is a function passk does not know (operatorNames.ts), never a product of its letters.
        throw new ParseFailure("unsupported operator name", true);
      } else if (IGNORED_CMDS.has(name)) {
        // \mathrm{e}: read the argument as a word; \angle: a decoration.
      } else throw new ParseFailure(`unsupported command \\${name}`, true);
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      let j = i;
      while (j < s.length && /[a-zA-Z]/.test(s[j] as string)) j++;
      let word = s.slice(i, j);
      i = j;
      // Split a run of letters into known words and single-letter variables.
      while (word.length > 0) {
        let matched = false;
        for (const len of [8, 6, 5, 4, 3, 2]) {
          const w = WORDS.get(word.slice(0, len));
          if (word.length >= len && w) {
            out.push(w);
            word = word.slice(len);
            matched = true;
            break;
          }
        }
        if (matched) continue;
        const ch = word[0] as string;
        out.push(ch === "e" ? { t: "const", v: "e" } : { t: "id", v: ch });
        word = word.slice(1);
      }
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === "<=" || two === ">=" || two === "!=" || two === "**" || two === "=>" || two === "->") {
      out.push({ t: "op", v: two === "**" ? "^" : two === "=>" ? ">=" : two });
      i += 2;
      continue;
    }
    if ("+-*/^_!=<>,()[]{}|&%;:'".includes(c)) {
      out.push({ t: "op", v: c });
      i++;
      continue;
    }
    throw new ParseFailure(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

const REL: Record<string, RelOp> = { "=": "=", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "!=": "!=", in: "in", "~": "~" };

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly budget: Budget,
  ) {}

  private peek(o = 0): Tok | undefined {
    return this.toks[this.pos + o];
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && t.t === "op" && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new ParseFailure(`expected ${v}`);
    this.pos++;
  }
  private enter(): void {
    this.budget.tick();
    if (++this.depth > this.budget.limits.maxDepth) throw new MathLimitError("nesting too deep");
  }

  parseAll(): MathNode {
    const node = this.list([]);
    if (this.pos < this.toks.length) throw new ParseFailure("trailing input");
    return node;
  }

  /** Comma- or semicolon-separated list; `stops` are closing tokens that end it. */
  private list(stops: string[]): MathNode {
    const items: MathNode[] = [];
    for (;;) {
      if (this.pos >= this.toks.length || stops.some((s) => this.isOp(s))) {
        if (items.length === 0) return { k: "list", items };
        break;
      }
      items.push(this.relation(stops));
      if (this.isOp(",") || this.isOp(";")) {
        this.pos++;
        continue;
      }
      break;
    }
    return items.length === 1 ? (items[0] as MathNode) : { k: "list", items };
  }

  private relation(stops: string[]): MathNode {
    const items = [this.ratio(stops)];
    const ops: RelOp[] = [];
    for (let t = this.peek(); t && t.t === "op" && Object.hasOwn(REL, t.v); t = this.peek()) {
      this.pos++;
      ops.push(REL[t.v] as RelOp);
      items.push(this.ratio(stops));
    }
    return ops.length === 0 ? (items[0] as MathNode) : { k: "rel", ops, items };
  }

  /** `a : b (: c)`, a ratio (or a clock time such as 12:00). */
  private ratio(stops: string[]): MathNode {
    const items = [this.union(stops)];
    while (this.isOp(":") && !stops.includes(":")) {
      this.pos++;
      items.push(this.union(stops));
    }
    return items.length === 1 ? (items[0] as MathNode) : { k: "ratio", items };
  }

  private union(stops: string[]): MathNode {
    const items = [this.expr(stops)];
    while (this.isOp("cup")) {
      this.pos++;
      items.push(this.expr(stops));
    }
    let node: MathNode = items.length === 1 ? (items[0] as MathNode) : { k: "union", items };
    while (this.isOp("setminus")) {
      this.pos++;
      node = { k: "setminus", a: node, b: this.expr(stops) };
    }
    return node;
  }

  private expr(stops: string[]): MathNode {
    let left = this.term(stops);
    for (;;) {
      if (this.isOp("+")) {
        this.pos++;
        left = { k: "add", a: left, b: this.term(stops) };
      } else if (this.isOp("-")) {
        this.pos++;
        left = { k: "sub", a: left, b: this.term(stops) };
      } else if (this.isOp("pm") || this.isOp("mp")) {
        this.pos++;
        left = { k: "pm", a: left, b: this.term(stops) };
      } else return left;
    }
  }

  private startsPrimary(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.t === "num" || t.t === "id" || t.t === "const" || t.t === "fn") return true;
    if (t.t === "env") return t.v === "begin";
    return t.t === "op" && (t.v === "(" || t.v === "{" || t.v === "[" || t.v === "lfloor" || t.v === "lceil" || t.v === "reals");
  }

  private term(stops: string[]): MathNode {
    let left = this.unary(stops);
    for (;;) {
      if (this.isOp("*")) {
        this.pos++;
        left = { k: "mul", a: left, b: this.unary(stops) };
      } else if (this.isOp("/")) {
        this.pos++;
        left = { k: "div", a: left, b: this.unary(stops) };
      } else if (this.startsPrimary() && !stops.some((s) => this.isOp(s))) {
        // Implicit multiplication: "2x", "3\sqrt{2}", "x(x+1)". Never "2 3" or "1 000": two
        // numbers side by side are a digit grouping or two answers, not a product.
        if (this.peek()?.t === "num" && this.peek(-1)?.t === "num") throw new RefusedForm("two numbers in a row");
        left = { k: "mul", a: left, b: this.power(stops) };
      } else return left;
    }
  }

  private unary(stops: string[]): MathNode {
    if (this.isOp("-")) {
      this.pos++;
      this.enter();
      const a = this.unary(stops);
      this.depth--;
      return { k: "neg", a };
    }
    if (this.isOp("+")) {
      this.pos++;
      return this.unary(stops);
    }
    if (this.isOp("pm")) {
      this.pos++;
      return { k: "pm", a: { k: "num", r: rat(0n) }, b: this.unary(stops) };
    }
    return this.power(stops);
  }

  private power(stops: string[]): MathNode {
    const base = this.postfix(stops);
    if (this.isOp("^")) {
      this.pos++;
      this.enter();
      const exp = this.isOp("-") || this.isOp("+") ? this.unary(stops) : this.power(stops);
      this.depth--;
      return this.postfixOps({ k: "pow", a: base, b: exp });
    }
    return base;
  }

  private postfixOps(node: MathNode): MathNode {
    for (;;) {
      if (this.isOp("!")) {
        this.pos++;
        node = { k: "fn", name: "factorial", args: [node] };
      } else if (this.isOp("%")) {
        this.pos++;
        node = { k: "pct", a: node };
      } else if (this.isOp("'")) {
        throw new ParseFailure("primes are not supported");
      } else return node;
    }
  }

  private postfix(stops: string[]): MathNode {
    return this.postfixOps(this.primary(stops));
  }

  /** A braced group `{…}`, or a single primary for LaTeX's one-token arguments. */
  private arg(): MathNode {
    if (this.isOp("{")) {
      this.pos++;
      this.enter();
      const n = this.list(["}"]);
      this.expectOp("}");
      this.depth--;
      return n;
    }
    return this.primary([]);
  }

  private primary(stops: string[]): MathNode {
    const t = this.peek();
    if (!t) throw new ParseFailure("unexpected end of answer");
    this.enter();
    try {
      this.pos++;
      switch (t.t) {
        case "num": {
          const [int, frac = ""] = t.v.split(".");
          const digits = `${int ?? ""}${frac}`;
          const r = rat(BigInt(digits === "" ? "0" : digits), 10n ** BigInt(frac.length));
          if (frac.length === 0) return { k: "num", r };
          const sig = digits.replace(/^0+/, "").length;
          return { k: "num", r, places: frac.length, sig };
        }
        case "const":
          return { k: "const", name: t.v };
        case "id": {
          let name = t.v;
          if (this.isOp("_")) {
            this.pos++;
            const sub = this.peek();
            if (this.isOp("{")) {
              const close = this.toks.findIndex((x, i) => i > this.pos && x.t === "op" && x.v === "}");
              if (close < 0) throw new ParseFailure("unbalanced subscript");
              name += `_${this.toks.slice(this.pos + 1, close).map((x) => x.v).join("")}`;
              this.pos = close + 1;
            } else if (sub && (sub.t === "num" || sub.t === "id")) {
              name += `_${sub.v}`;
              this.pos++;
            } else throw new ParseFailure("bad subscript");
          }
          return { k: "var", name };
        }
        case "text": {
          const words = t.v.trim();
          if (/^[0-9.]+$/.test(words)) return this.fromNumberText(words);
          return { k: "text", s: words };
        }
        case "fn":
          return this.func(t.v, stops);
        case "env":
          if (t.v !== "begin") throw new ParseFailure("unexpected \\end");
          return this.matrix();
        case "op":
          return this.bracket(t.v);
      }
    } finally {
      this.depth--;
    }
  }

  private fromNumberText(s: string): MathNode {
    return new Parser(tokenize(s, this.budget), this.budget).parseAll();
  }

  private func(name: string, stops: string[]): MathNode {
    if (name === "frac" || name === "binom") {
      const a = this.arg();
      const b = this.arg();
      return name === "frac" ? { k: "div", a, b } : { k: "fn", name: "binom", args: [a, b] };
    }
    if (name === "sqrt") {
      if (this.isOp("[")) {
        this.pos++;
        const index = this.list(["]"]);
        this.expectOp("]");
        return { k: "fn", name: "root", args: [this.arg(), index] };
      }
      return { k: "fn", name: "sqrt", args: [this.isOp("(") ? this.primary(stops) : this.arg()] };
    }
    // Trig/log: optional power (\sin^2 x), optional base (\log_2 x), then an argument.
    let power: MathNode | undefined;
    let base: MathNode | undefined;
    for (let guard = 0; guard < 2; guard++) {
      if (this.isOp("^")) {
        this.pos++;
        power = this.arg();
      } else if (this.isOp("_")) {
        this.pos++;
        base = this.arg();
      }
    }
    let argument: MathNode;
    if (this.isOp("(") || this.isOp("{")) argument = this.primary(stops);
    else argument = this.unaryNoAdd(stops);
    let node: MathNode = base
      ? { k: "div", a: { k: "fn", name: "ln", args: [argument] }, b: { k: "fn", name: "ln", args: [base] } }
      : { k: "fn", name, args: [argument] };
    if (power) node = { k: "pow", a: node, b: power };
    return node;
  }

  /** `\sin 2x`: the argument is a product of primaries, not a sum. */
  private unaryNoAdd(stops: string[]): MathNode {
    if (this.isOp("-")) {
      this.pos++;
      return { k: "neg", a: this.unaryNoAdd(stops) };
    }
    let left = this.power(stops);
    while (this.startsPrimary() && !(this.peek()?.t === "fn")) left = { k: "mul", a: left, b: this.power(stops) };
    return left;
  }

  private bracket(open: string): MathNode {
    if (open === "empty") return { k: "set", items: [] };
    if (open === "reals") return { k: "seq", open: "(", close: ")", items: [{ k: "neg", a: { k: "const", name: "inf" } }, { k: "const", name: "inf" }] };
    if (open === "ellipsis") return { k: "text", s: "…" };
    if (open === "{") {
      const n = this.list(["}"]);
      this.expectOp("}");
      return n;
    }
    if (open === "\\{") {
      const builder = this.setBuilder();
      if (builder !== undefined) return builder;
      const n = this.list(["\\}"]);
      this.expectOp("\\}");
      return { k: "set", items: n.k === "list" ? n.items : [n] };
    }
    if (open === "lfloor" || open === "lceil") {
      const close = open === "lfloor" ? "rfloor" : "rceil";
      const n = this.expr([close]);
      this.expectOp(close);
      return { k: "fn", name: open === "lfloor" ? "floor" : "ceil", args: [n] };
    }
    if (open === "|") {
      const n = this.expr(["|"]);
      this.expectOp("|");
      return { k: "fn", name: "abs", args: [n] };
    }
    if (open === "(" || open === "[") {
      const n = this.list([")", "]"]);
      const close = this.peek();
      if (!close || close.t !== "op" || (close.v !== ")" && close.v !== "]")) throw new ParseFailure("unbalanced bracket");
      this.pos++;
      if (n.k === "list" && n.items.length >= 2) {
        return { k: "seq", open, close: close.v as ")" | "]", items: n.items };
      }
      if (n.k === "list") throw new ParseFailure("empty brackets");
      if (close.v !== (open === "(" ? ")" : "]")) throw new ParseFailure("mismatched brackets");
      if (open === "[" && n.k === "matrix") return n;
      return n;
    }
    throw new ParseFailure(`unexpected ${open}`);
  }

  /**
   * `\{x \mid cond\}`, `\{x : cond\}`, `\{x \in S \mid cond\}` (the opening `\{` consumed);
   * undefined, with the position restored, when the set is not written that way.
   */
  private setBuilder(): MathNode | undefined {
    const start = this.pos;
    const v = this.peek();
    if (!v || v.t !== "id") return undefined;
    this.pos++;
    let domain: MathNode | undefined;
    if (this.isOp("in")) {
      this.pos++;
      try {
        domain = this.union(["|", ":", "\\}"]);
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
        this.pos = start;
        return undefined;
      }
    }
    if (!this.isOp("|") && !this.isOp(":")) {
      this.pos = start;
      return undefined;
    }
    this.pos++;
    const cond = this.list(["\\}"]);
    this.expectOp("\\}");
    return { k: "setbuilder", v: { k: "var", name: v.v }, domain, cond };
  }

  private matrix(): MathNode {
    const rows: MathNode[][] = [];
    let row: MathNode[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) throw new ParseFailure("unterminated matrix");
      if (t.t === "env" && t.v === "end") {
        this.pos++;
        break;
      }
      row.push(this.relation(["&", "\\\\"]));
      if (this.isOp("&")) this.pos++;
      else if (this.isOp("\\\\")) {
        this.pos++;
        rows.push(row);
        row = [];
      }
    }
    if (row.length > 0) rows.push(row);
    if (rows.length === 0 || rows.some((r) => r.length !== (rows[0] as MathNode[]).length)) {
      throw new ParseFailure("ragged matrix");
    }
    return { k: "matrix", rows };
  }
}

/**
 * Parses a normalized answer into a {@link MathNode}. Throws {@link ParseFailure} when it is not
 * math, {@link MathLimitError} when it exceeds a cap.
 */
export function parseMath(s: string, budget: Budget): MathNode {
  if (s.length > budget.limits.maxAnswerLength) throw new MathLimitError("answer too long");
  return new Parser(tokenize(s, budget), budget).parseAll();
}
