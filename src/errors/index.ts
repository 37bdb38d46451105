// Barrel of the error hierarchy shared by every entry point (part of the root entry `passk`;
// `passk/node` and `passk/math` re-export the classes their functions throw).
export {
  PasskError,
  InvalidArgumentError,
  KExceedsSamplesError,
  EmptyDatasetError,
  DuplicateProblemError,
  type PasskErrorDetails,
} from "./errors.js";
