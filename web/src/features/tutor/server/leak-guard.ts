// The leak guard is shared with the chat channels' tutor (the course API): one copy, in @aula/llm.
export { createLeakGuard } from '@aula/llm/prompts';
