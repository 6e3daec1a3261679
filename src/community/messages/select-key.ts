/** ICU select keys are identifiers: "personal-data" and "community.post_approved" become "personalData" and "communityPostApproved". */
export function selectKey(value: string): string {
  return value.replace(/[-._](\w)/g, (_, c: string) => c.toUpperCase());
}
