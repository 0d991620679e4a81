export { BackgroundWork } from './background-work.js';
export { RecordHub } from './record-hub.js';
export type { RecordHubOptions } from './record-hub.js';
export { toViewRecord } from './view-record.js';
export type { ViewRecord } from './view-record.js';
export { VIEWER_FORMAT, ViewerHandler } from './viewer-handler.js';
export { startViewer } from './viewer-server.js';
export type { Viewer, ViewerOptions } from './viewer-server.js';
export { CHROMIUM, hasChromium, launchChromium, NO_CHROMIUM } from './chromium.js';
