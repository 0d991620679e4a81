/**
 * A Python level number to an OpenTelemetry SeverityNumber: each band of ten Python levels maps
 * onto a band of four severities, so the standard levels land on the band's first value
 * (DEBUG 5, INFO 9, WARNING 13, ERROR 17, CRITICAL 21) and custom levels by range (levels
 * below 10 are TRACE 1–4, `TRACE = 5` gives 3, `NOTICE = 25` gives 11, CRITICAL 55 is 23, 60 and above
 * are FATAL4 = 24).
 */
export function severityNumber(levelno: number): number {
  if (!(levelno > 0)) return 1;
  if (levelno >= 60) return 24;
  const band = Math.floor(levelno / 10);
  return 1 + band * 4 + Math.floor(((levelno - band * 10) * 4) / 10);
}
