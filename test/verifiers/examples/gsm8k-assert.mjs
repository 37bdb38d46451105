import { toPromptfooAssertion, gsm8kMatch } from "passk";
export default toPromptfooAssertion(gsm8kMatch({ mode: "flexible" }), { reference: (context) => context.vars.answer });
