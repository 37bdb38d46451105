// Whole model responses, in the styles of several model families, with the verdict a careful human
// grader gives against the gold answer. Written for this project. Expected: "=" correct, "x"
// wrong, "?" no answer (unparsed), "~" not correct (wrong or unparsed: the model states no single
// value, and which of the two we report is ours to choose). `extracted`, when given, is the
// answer the extraction must read.

export type ResponseExpected = "=" | "x" | "?" | "~";
export interface ResponseRow {
  readonly family: string;
  readonly gold: string;
  readonly response: string;
  readonly expected: ResponseExpected;
  readonly extracted?: string;
}

const rows: ResponseRow[] = [];
const add = (family: string, gold: string, response: string, expected: ResponseExpected, extracted?: string): void => {
  rows.push(extracted === undefined ? { family, gold, response, expected } : { family, gold, response, expected, extracted });
};
/** The same response graded against a right and a wrong gold. */
const pair = (family: string, right: string, wrong: string, response: string, extracted?: string): void => {
  add(family, right, response, "=", extracted);
  add(family, wrong, response, "x", extracted);
};

// --- Qwen-style: step-by-step, final \boxed{} ---------------------------------------------------
const qwen = (steps: string, boxed: string): string =>
  `To solve this problem, we proceed step by step.\n\n${steps}\n\nTherefore, the final answer is $\\boxed{${boxed}}$.`;
pair("qwen", "\\frac{14}{3}", "\\frac{13}{3}", qwen("We have $f(-2)=2$, $f(-1)=\\frac{5}{3}$ and $f(0)=1$, so the sum is $2+\\frac{5}{3}+1$.", "\\dfrac{14}{3}"), "\\dfrac{14}{3}");
pair("qwen", "15", "12", qwen("First we find $\\boxed{12}$ candidates, but three of them repeat... wait, we must add the $3$ reflections too: $12 + 3 = 15$.", "15"), "15");
pair("qwen", "1,-2", "1", "The equation factors as $(n-1)(n+2)=0$.\n\nThe solutions are $\\boxed{-2}$ and $\\boxed{1}$.", "-2, 1");
pair("qwen", "[-2,7]", "[-2,7)", qwen("The quadratic $x^2-5x-14 \\le 0$ has roots $-2$ and $7$.", "x \\in [-2, 7]"));
pair("qwen", "(p,q)=(3,2)", "(2,3)", qwen("Substituting back gives $p = 3$ and $q = 2$.", "(3, 2)"));
pair("qwen", "(3,2)", "(3,3)", qwen("Solving the system we get the values.", "p = 3, q = 2"));
pair("qwen", "5", "6", "The area is $\\boxed{5}$.\n\n$\\boxed{5}$", "5");
add("qwen", "2", qwen("The equation has two roots.", "2 \\text{ or } 3"), "x", "2 \\text{ or } 3");
pair("qwen", "C", "D", qwen("Only option C satisfies both conditions.", "\\text{(C)}"));
add("qwen", "C", qwen("Both C and D satisfy the conditions.", "(C) \\text{ and } (D)"), "x");
pair("qwen", "12", "13", qwen("There are $3$ boxes with $4$ apples each.", "12 \\text{ apples}"));
pair("qwen", "125", "126", "The distance is $\\boxed{125\\textnormal{ miles}}.$", "125\\textnormal{ miles}");
pair("qwen", "11111111100", "11111111000", "So the sum is $\\boxed{11,\\! 111,\\! 111,\\! 100}$.");
add("qwen", "32349", "The two numbers are $\\boxed{32, 349}$.", "x");
pair("qwen", "1234", "1243", qwen("Adding the place values gives the total.", "1,234"));
pair("qwen", "-1", "1", qwen("By Euler's formula, $e^{i\\theta} = \\cos\\theta + i\\sin\\theta$.", "e^{i\\pi}"));
pair("qwen", "|x|", "x", qwen("Simplifying the radical gives the expression below.", "\\sqrt{x^2}"));
pair("qwen", "8", "3", "So $4x = 32$ and $x = \\boxed{8}$. <|im_start|>user\nSolve $3x = 9$.<|im_start|>assistant\n$x = \\boxed{3}$", "8");
pair("qwen", "\\frac{1}{3}", "\\frac{1}{4}", qwen("The probability of each of the three outcomes is equal.", "\\frac13"));
pair("qwen", "2\\sqrt{2}", "2\\sqrt{3}", qwen("The diagonal of a unit square doubled is $2\\sqrt2$.", "\\sqrt{8}"));
pair("qwen", "(-\\infty,-3]\\cup[2,\\infty)", "[-3,2]", qwen("The expression under the root must be non-negative.", "(-\\infty, -3] \\cup [2, \\infty)"));
pair("qwen", "x^2+2x+1", "x^2+1", qwen("Expanding the square.", "(x+1)^2"));
pair("qwen", "\\frac{\\pi}{4}", "\\frac{\\pi}{3}", qwen("The angle whose tangent is $1$.", "45^\\circ \\cdot \\frac{\\pi}{180}"));

// --- Llama-style: "## Step n:" and "The final answer is: $\boxed{…}$" ----------------------------
const llama = (tail: string): string =>
  `## Step 1: Understand the problem\nWe need the requested quantity.\n\n## Step 2: Compute\nWe compute it carefully, keeping $x = 2$ in mind.\n\n${tail}`;
pair("llama", "42", "41", llama("The final answer is: $\\boxed{42}$"), "42");
pair("llama", "42", "24", llama("The final answer is 42."), "42");
pair("llama", "0.75", "0.7", llama("The final answer is $\\frac{3}{4}$."), "\\frac{3}{4}");
pair("llama", "-0.5", "0.5", llama("The final answer is: $\\boxed{-\\frac{1}{2}}$"));
pair("llama", "12", "13", llama("The final answer is 12 apples."), "12");
pair("llama", "10455", "255", "The interest is $0.05 \\cdot 10,200 \\cdot \\frac{1}{2} = \\boxed{255}$, so she has $10,200 + 255 = 10,455$ dollars.\n\nFinal Answer: The final answer is $10,455$. I hope it is correct.", "10,455");
pair("llama", "B", "C", llama("The final answer is (B)."), "(B)");
add("llama", "2", llama("The final answer is: $\\boxed{2, 3}$"), "x");
pair("llama", "\\frac{9}{2}", "\\frac{7}{2}", llama("The final answer is $\\boxed{4.5}$"));
pair("llama", "1000", "100", llama("The final answer is 1,000 meters, which is one kilometre."), "1,000");

// --- DeepSeek-R1-style: a <think> trace, then the answer ------------------------------------------
pair("r1", "4", "3", "<think>\nOkay, so maybe the answer is 3? Let me check: \\boxed{3} fails the second condition. So it must be 4.\n</think>\n\nThe answer is $\\boxed{4}$.", "4");
pair(
  "r1",
  "189",
  "378",
  "<think>\nThe trapezoid has bases 15 and 27 and height 9, so the area is (15+27)/2*9 = 189. Wait, the shoelace sum gave 378 first, then halving gives 189.\n\n**Final Answer**\n\\boxed{189}\n</think>\n\nUsing the shoelace formula:\n\\[\n\\text{Area} = \\frac{1}{2} |378 - 0| = 189\n\\]\nThus, the area of the trapezoid is \\(\\boxed{189}\\) square centimeters.",
  "189",
);
add("r1", "7", "<think>\nWe need 3 + 4, which is \\boxed{7}.\n</think>", "?");
pair("r1", "5", "6", "<think>\nLet me think. 2 + 3 is 5, so the answer is 5", "5");
pair("r1", "2", "1", "<think>first \\boxed{1}</think> A second look. <think>now \\boxed{3}</think> Having checked both cases, the answer is $\\boxed{2}$.", "2");
pair("r1", "4.5", "5.5", "<think>\nThe area is half of 9.\n</think>\n\n**Final Answer**\n\\[\n\\boxed{\\dfrac{9}{2}}\n\\]", "\\dfrac{9}{2}");
pair("r1", "1,-2", "1,2", "<think>\nSolving n^2 + n - 2 = 0 gives n = 1 and n = -2.\n</think>\n\nThe integers are \\(\\boxed{-2}\\) and \\(\\boxed{1}\\).", "-2, 1");
pair("r1", "\\frac{1}{3}", "\\frac{1}{2}", "<think>\nThree equally likely outcomes.\n</think>\nThe answer is $\\frac{1}{3}$.", "\\frac{1}{3}");
pair("r1", "e^{i\\pi/2}", "-i", "<think>\nRotating by a right angle multiplies by i.\n</think>\nSo the image is $\\boxed{i}$.", "i");
pair("r1", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "\\begin{pmatrix}1&3\\\\2&4\\end{pmatrix}", "<think>\nTranspose twice.\n</think>\n\n**Final Answer**\n\n$$\\boxed{\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}}$$");

// --- Minerva-style: "Final Answer: The final answer is X. I hope it is correct." -----------------
const minerva = (x: string): string => `We compute the requested value step by step and simplify.\nFinal Answer: The final answer is ${x}. I hope it is correct.`;
pair("minerva", "28\\%", "72\\%", minerva("$28\\%$"), "28\\%");
pair("minerva", "8", "9", `${minerva("$8$")}\nNote: the argument above assumes the sequence is increasing. ${minerva("$8$")}`, "8");
pair("minerva", "12000023", "12000003", minerva("12,000,023"), "12,000,023");
add("minerva", "[0,1)", minerva("$(0, 1)$"), "x", "(0, 1)");
pair("minerva", "\\frac{5\\sqrt{42}}{27}", "\\frac{5\\sqrt{42}}{28}", minerva("$\\frac{10\\sqrt{10.5}}{27}$"));
pair("minerva", "34", "33", "We check every $n$ up to 40.\nFinal Answer: The largest $n$ is 34.", "34");
pair("minerva", "120", "20", "The prism is $5 \\times 6 \\times 4$.\nFinal Answer: The volume of $ABCDEFGH$ is 120. I hope it is correct.", "120");
pair("minerva", "3", "8", "Rod started 5 hours before Sphere.\nFinal Answer: Jane started growing Sphere 3 hours ago. I hope it is correct. <|im_start|>user", "3");
pair("minerva", "12, 13", "12", `The sum lies strictly between consecutive integers.\nFinal Answer: The final answer is "$12 $ and $13 $". I hope it is correct.`, "12, 13");
pair("minerva", "(x+1)^2", "(x-1)^2", minerva("$x^2+2x+1$"), "x^2+2x+1");
pair("minerva", "19", "18", "Counting both signs for each value.\nFinal Answer: The maximum number of points that could be in the domain of $f(x)$ is 19. <|im_start|>user", "19");
pair("minerva", "2", "3", minerva("$\\boxed{2}$"), "2");
pair(
  "minerva",
  "\\frac{1}{2}",
  "7",
  `${minerva("$\\frac{1}{2}$")}\n\nProblem:\nCompute $3 + 4$.\n\nSolution:\nWe add.\nFinal Answer: The final answer is $7$. I hope it is correct.`,
  "\\frac{1}{2}",
);

// --- GSM8K-style: calculator annotations and "#### n" --------------------------------------------
pair("gsm8k", "72", "71", "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72", "72");
pair("gsm8k", "1080", "1008", "She works 6*30 = <<6*30=180>>180 hours, earning 180*6 = <<180*6=1080>>1080 dollars.\n#### 1,080", "1,080");
pair("gsm8k", "5.5", "5", "Each costs 11/2 = <<11/2=5.5>>5.5 dollars.\n#### $5.50", "5.50");
pair("gsm8k", "18", "16", "She earns 9 * 2 = <<9*2=18>>18 dollars.\n#### $18 dollars", "18 dollars");
pair("gsm8k", "7", "1", "#### 1. Setup\nWe add the parts: 3 + 4 = 7.\n\nThe answer is $\\boxed{7}$.", "7");

// --- Chat-style prose and markdown --------------------------------------------------------------
pair("chat", "2", "3", "Each of the two boxes holds one pencil.\n\n**Answer:** $2$ pencils", "2");
pair("chat", "2", "1", "Counting again carefully, the answer is **2**.", "2");
pair("chat", "12", "4", "Answer: 12 (since 3 boxes x 4 apples).", "12");
pair("chat", "12", "3", "Multiplying, the answer is 12, which is the total.", "12");
pair("chat", "5000000", "5", "Adding the two cities, the answer is 5 million people.", "5 million");
pair("chat", "\\frac{3}{4}", "0.7", "The answer is $\\frac{3}{4}$, i.e. 0.75.", "\\frac{3}{4}");
add("chat", "2", "So the answer is 2 or 3.", "x", "2 or 3");
add("chat", "2", "So the answer is either 2 or 3.", "~");
add("chat", "5", "The answer is not 5.", "~");
add("chat", "5", "The answer is at least 5.", "~");
add("chat", "5", "The answer is 5 (or 6).", "~");
add("chat", "12", "The answer is 12 or fewer.", "~");
pair("chat", "5", "6", "Rounding, the answer is approximately 5.", "5");
pair("chat", "16386.16", "16386.17", "So the investment is worth about $16386.16$.", undefined);
pair("chat", "5", "4", "Counting them all, the answer is five.", "five");
pair("chat", "B", "A", "Comparing all choices, the correct option is (B).", "(B)");
pair("chat", "B", "D", "Thus the answer is B) 42", "B) 42");
pair("chat", "B", "A", "Checking each statement in turn, (B) is the correct answer.", "B");
pair("chat", "D", "C", "Only the last one survives, so D is correct.", "D");
pair("chat", "5", "A", "So the count is $\\boxed{5}$. Of the statements, A is correct because the count is odd.", "5");
add("chat", "A", "The answer is (A) and (C).", "x");
pair("chat", "5", "6", "Therefore the answer is $x = 5$.", "x = 5");
pair("chat", "2, 3", "2, 4", "Factoring, the roots are $x = 2$ and $x = 3$.", "x = 2, x = 3");
pair("chat", "16", "4", "so $a = 4$ and the area is 16 square units", "16");
pair("chat", "\\frac{2}{3}", "\\frac{1}{3}", "Alice wins with probability 2/3.", "2/3");
pair("chat", "\\frac{40}{9}", "4", "The answer is 4 4/9.", "4 4/9");
add("chat", "1", "The answer is $1/3.$", "x", "1/3");
add("chat", "2", "The answer is $2^{10}.$", "x", "2^{10}");
add("chat", "1, 2, 3", "Answer: $1, 2, 3, \\ldots$", "x", "1, 2, 3, \\ldots");
pair("chat", "5", "6", "The answer is $\\boxed{5}$.\n\nWait, let me double-check: the answer is correct.", "5");
pair("chat", "5", "6", "\\boxed{5}\n\nNote that the answer is independent of $n$.", "5");
pair("chat", "12", "3", "\\boxed{12}\n\nNote: the answer is consistent with the 3 cases above.", "12");
pair("chat", "7", "6", `${"We keep adding the terms one by one. ".repeat(1500)}\nSo the total is $\\boxed{7}$.`, "7");
pair("chat", "5", "0", "The box $\\boxed{}$ was left empty by mistake. The answer is 5.", "5");
pair("chat", "9.8", "9", "The acceleration is 9.8 m/s^2 near the surface, so the answer is 9.8 m/s^2.", "9.8 m/s^2");
pair("chat", "100\\%", "50\\%", "Therefore, the minimum error in the measurement of the position increases by 100%.", "100%");
pair("chat", "1000.99", "1000", "the number is not 10 which is 1,000.99€", "1,000.99");
pair("chat", "1000.99", "1000.98", "Le total est 1000,99 euros.", "1000,99");
add("chat", "2", "AZYUK2A", "?");
pair("chat", "\\text{Evelyn}", "\\text{Briana}", "Evelyn covered more distance in less time, so the answer is Evelyn.", "Evelyn");
add("chat", "5", "I could not finish this problem.", "?");
pair("chat", "x=5", "x=6", "Solving, $2x + 1 = 11$, hence the answer is: $x = 5$", "x = 5");
pair("chat", "\\{1, 2\\}", "\\{1, 3\\}", "The set of solutions is $\\{1, 2\\}$.", "\\{1, 2\\}");

export const RESPONSES: readonly ResponseRow[] = rows;
