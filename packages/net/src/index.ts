export { type AddressClass, classifyAddress, isIpLiteral } from './classify-address.ts';
export { fetchOutbound, type OutboundRequest, type OutboundResponse } from './fetch-outbound.ts';
export { createGuardedLookup, type ResolvedAddress, type Resolver, systemResolver } from './guarded-lookup.ts';
export { findOutboundError, OutboundError, type OutboundErrorCode } from './outbound-error.ts';
export { DENY_ALL_PRIVATE, isAddressAllowed, type OutboundPolicy, readOutboundPolicy } from './outbound-policy.ts';
export { plainText } from './plain-text.ts';
