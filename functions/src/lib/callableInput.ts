/** Callable input parsed with the model's strict schema: unknown keys rejected, the field named in the error. */
import { Refusal } from './refusal.ts';
import { callableSchemas, describeIssues, fieldIssues, type CallableInput, type CallableName } from '@natter/model';

export function parseInput<N extends CallableName>(name: N, data: unknown): CallableInput<N> {
  const result = callableSchemas[name].safeParse(data ?? {});
  if (!result.success) {
    throw new Refusal('invalid-argument', describeIssues(result.error), { fields: fieldIssues(result.error) });
  }
  return result.data as CallableInput<N>;
}
