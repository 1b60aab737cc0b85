import 'server-only';
import { createLlm, type Llm } from '@aula/llm';
import { llmSettings } from '../../../env.ts';

let llm: Llm | undefined;

/** The LLM client of the tutor (AULA_TUTOR_* chain; Groq first when GROQ_API_KEY is set), made once. */
export function tutorLlm(): Llm {
  llm ??= createLlm(llmSettings());
  return llm;
}
