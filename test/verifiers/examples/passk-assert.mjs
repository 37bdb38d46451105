export { promptfooAssertion as default } from "passk";
