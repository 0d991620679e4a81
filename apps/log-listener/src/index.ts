export { Dispatcher } from './dispatcher.js';
export { HealthServer } from './health-server.js';
export {
  ListenerConfigError,
  loadListenerConfig,
  parseListenerConfig,
} from './listener-config.js';
export type {
  ListenerConfig,
  NNGSourceConfig,
  TcpSourceConfig,
  UdpSourceConfig,
  ZeroMQSourceConfig,
} from './listener-config.js';
export { ListenerMetrics } from './listener-metrics.js';
export type { CountingSource, SourceCounts } from './listener-metrics.js';
export { LogListener } from './log-listener.js';
export type { ListenerAddresses, LogListenerOptions } from './log-listener.js';
export { runLoad, startLoad, tsExecArgv } from './run-load.js';
export type { Load, LoadOptions, ProducerResult } from './run-load.js';
export { NNGSource } from './sources/nng-source.js';
export type { Dispatch, ReportError, Source } from './sources/source.js';
export { TcpSource } from './sources/tcp-source.js';
export { UdpSource } from './sources/udp-source.js';
export { ZeroMQSource } from './sources/zeromq-source.js';
