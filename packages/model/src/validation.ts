/** Turns zod failures into messages that name the field, for HttpsError and problem JSON alike. */
import type { z } from 'zod';

export interface FieldIssue {
  field: string;
  message: string;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    return unknownKeys.length > 0
      ? { field: unknownKeys.map((key) => (field === '(root)' ? key : `${field}.${key}`)).join(', '), message: 'is not an allowed field' }
      : { field, message: issue.message };
  });
}

/** "Field 'memberIds.3': Too big: expected string to have <=128 characters" */
export function describeIssues(error: z.ZodError): string {
  return fieldIssues(error)
    .map((issue) => `Field '${issue.field}': ${issue.message}`)
    .join('; ');
}
