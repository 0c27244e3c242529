// The changes a diff collects. Code that spots a change names its rule and where; the severity is looked
// up in the rules catalogue, so one rule always has one severity.
import { rule, type Severity } from './rules.js';

export interface SpecChange {
  severity: Severity;
  /** Rule id from the catalogue (diff/rules.ts), e.g. `request-field-required-added`. */
  rule: string;
  /** Where, e.g. `POST /generateDQRCMerchant request body (application/json) merchantDetails.iban`. */
  location: string;
  /** What, e.g. `maxLength tightened 24 → 20`. */
  message: string;
}

export class ChangeLog {
  readonly changes: SpecChange[] = [];

  add(ruleId: string, location: string, message: string): void {
    this.changes.push({ severity: rule(ruleId).severity, rule: ruleId, location, message });
  }
}

/** A value as the messages quote it: strings in double quotes, everything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
}
