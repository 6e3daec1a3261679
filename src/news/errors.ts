import type { FieldProblem } from '../directory/errors.js';

/** A news item that cannot be saved as submitted; nothing was written. */
export class NewsValidationError extends Error {
  override name = 'NewsValidationError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

/** A workflow step asked of an item in the wrong state ("publish" a draft that was never signed off). */
export class NewsStateError extends Error {
  override name = 'NewsStateError';
}
