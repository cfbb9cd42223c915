/** One problem a zod schema found: where in the value, and what. */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** `path: message`; with no path, `top: message`, or the message alone. */
export function issueText(issue: SchemaIssue, top?: string): string {
  const where = issue.path.map(String).join('.') || top;
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The first `max` issues, each as `issueText`, joined by "; ". */
export function issuesText(issues: readonly SchemaIssue[], max = issues.length, top?: string): string {
  return issues
    .slice(0, max)
    .map((issue) => issueText(issue, top))
    .join('; ');
}
