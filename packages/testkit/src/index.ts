export {
  type ChatEmulator,
  type ChatRequest,
  type ChatService,
  type ChatStep,
  type ChatwootConversationState,
  type ChatwootWebhookPayload,
  startChatEmulator,
} from './chat-emulator.ts';
export { connectEmulator, type EmulatorClient } from './emulator-control.ts';
export { outlineOf } from './fixtures.ts';
export { samplePng } from './images-wire.ts';
export { type Listening, listenOnLoopback } from './loopback.ts';
export { startProviderEmulator } from './provider-emulator.ts';
export { sampleFromSchema } from './sample-from-schema.ts';
export { openAiStrictProblem, type Refusal, refuseChatRequest, refuseGeminiRequest } from './schema-rules.ts';
export { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink.ts';
export type { Emulator, EmulatorRoute, EmulatorStep, RecordedRequest, RouteMatcher } from './types.ts';
