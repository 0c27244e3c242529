import { ConfigError } from './config-error.js';

/** ONELINK_RATE_LIMIT parsed: at most `points` 1LINK calls per `durationSec`. */
export interface PlanRate {
  points: number;
  durationSec: number;
}

const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  m: 60,
  min: 60,
  minute: 60,
  h: 3600,
  hour: 3600,
};

/** `50/s`, `3000/min`, `100000/h`; an error names the variable and the rule. */
export function parsePlanRate(value: string, variable = 'ONELINK_RATE_LIMIT'): PlanRate {
  const match = /^\s*(\d{1,9})\s*\/\s*([a-z]+)\s*$/i.exec(value);
  const unit = match?.[2]?.toLowerCase();
  const durationSec = unit === undefined ? undefined : UNITS[unit];
  const points = Number(match?.[1]);
  if (match === null || durationSec === undefined || !(points >= 1)) {
    throw new ConfigError(
      variable,
      'must be calls per window: N/s, N/min or N/h with N ≥ 1 (e.g. 50/s, 3000/min)',
    );
  }
  return { points, durationSec };
}
