// The sync protocol, defined once for the counter and HQ (DESIGN.md, "Sync with HQ").
export * from './records';
export * from './mutations';
export * from './protocol';
