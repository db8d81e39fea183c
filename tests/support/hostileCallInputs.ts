/**
 * Hostile inputs for every callable, derived from its own strict schema: each string field (and
 * each string list, one bad item) of a valid base input gets every reserved id, and each
 * date-time field every out-of-range date. Only inputs the schema refuses are kept, so each one
 * must come back as `invalid-argument` naming its field, never as `internal`.
 */
import { z } from 'zod';
import { callableSchemas, type CallableInput, type CallableName } from '@natter/model';
import { OUT_OF_RANGE_DATES, RESERVED_IDS } from './hostileValues.ts';

export interface HostileCall {
  name: CallableName;
  field: string;
  input: Record<string, unknown>;
}

type Json = Record<string, unknown>;

export type CallableBases = { [N in CallableName]: CallableInput<N> };

export function hostileCalls(bases: CallableBases): HostileCall[] {
  const calls: HostileCall[] = [];
  for (const name of Object.keys(callableSchemas) as CallableName[]) {
    const schema: z.ZodType = callableSchemas[name];
    const base = bases[name] as Record<string, unknown>;
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    for (const [key, property] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
      const values: string[] = [...RESERVED_IDS, ...(property.format === 'date-time' ? OUT_OF_RANGE_DATES : [])];
      for (const value of values) {
        if (property.type === 'string') calls.push({ name, field: key, input: { ...base, [key]: value } });
        if (property.type === 'array' && (property.items as Json | undefined)?.type === 'string') {
          const list = Array.isArray(base[key]) ? (base[key] as unknown[]) : [];
          calls.push({ name, field: `${key}.${list.length}`, input: { ...base, [key]: [...list, value] } });
        }
      }
    }
  }
  return calls.filter((call) => !callableSchemas[call.name].safeParse(call.input).success);
}
