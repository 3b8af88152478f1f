export { startHost, type HostOptions, type RunningHost } from './server';
export { hostAppCsp, hostLinkPageCsp } from './csp';
