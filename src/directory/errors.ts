/** One problem with what an editor or importer submitted, tied to a field. */
export interface FieldProblem {
  /** Where: "title", "sections.2.entries.0.citationKey", … */
  path: string;
  /** What is wrong, in words an editor understands. */
  message: string;
}

/** A page that cannot be saved as submitted; nothing was written. */
export class ContentValidationError extends Error {
  override name = 'ContentValidationError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}
