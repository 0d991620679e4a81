import { describe, expect, it } from 'vitest';
import { ListenerMetrics } from './listener-metrics.js';

describe('ListenerMetrics.render()', () => {
  it('renders totals, per-source counters and gauges in the Prometheus text format', () => {
    const m = new ListenerMetrics([
      { name: 'tcp', counts: () => ({ received: 7, refused: 2, connections: 3 }) },
      { name: 'udp', counts: () => ({ received: 5, refused: 1 }) },
    ]);
    m.handlerErrors = 4;
    const lines = m.render().split('\n');
    const samples = lines.filter((l) => l !== '' && !l.startsWith('#') && !l.includes('uptime'));
    expect(samples).toEqual([
      'logweave_listener_up 1',
      'logweave_listener_records_received_total 12',
      'logweave_listener_source_records_received_total{source="tcp"} 7',
      'logweave_listener_source_records_received_total{source="udp"} 5',
      'logweave_listener_source_frames_refused_total{source="tcp"} 2',
      'logweave_listener_source_frames_refused_total{source="udp"} 1',
      'logweave_listener_source_connections{source="tcp"} 3',
      'logweave_listener_handler_errors_total 4',
    ]);
    expect(lines).toContain('# TYPE logweave_listener_records_received_total counter');
    expect(lines).toContain('# TYPE logweave_listener_source_connections gauge');
    m.draining = true;
    expect(m.render()).toContain('\nlogweave_listener_up 0\n');
  });
});
