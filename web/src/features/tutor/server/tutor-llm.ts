import 'server-only';
import { createLlm, type Llm, readLlmConfig } from '@aula/llm';
import { llmEnv } from '../../../env.ts';

let llm: Llm | undefined;

/** The LLM client of the tutor (AULA_TUTOR_* chain; Groq first when GROQ_API_KEY is set), made once. */
export function tutorLlm(): Llm {
  llm ??= createLlm(readLlmConfig(llmEnv));
  return llm;
}
