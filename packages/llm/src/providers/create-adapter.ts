import type { Provider } from '@aula/domain';
import { GoogleGenAI } from '@google/genai';
import Groq from 'groq-sdk';
import OpenAI from 'openai';
import { LlmError } from '../errors.ts';
import { KEY_VARS } from '../settings.ts';
import type { LlmConfig } from '../types.ts';
import type { ProviderAdapter } from './adapter.ts';
import { type ChatClient, chatCompletionsAdapter } from './chat-completions.ts';
import { geminiAdapter } from './gemini.ts';

/** Builds the adapter of one provider; a missing key is `not_configured` (the chain moves on). */
export function createAdapter(provider: Provider, config: LlmConfig): ProviderAdapter {
  const { apiKey, baseUrl } = config.providers[provider];
  const common = { baseURL: baseUrl, maxRetries: config.maxRetries, timeout: config.timeoutMs };
  if (!apiKey && provider !== 'gpt-oss') {
    throw new LlmError('not_configured', `${provider} is not configured: set ${KEY_VARS[provider].join(' or ')}`, {
      provider,
    });
  }
  const key = apiKey ?? 'not-needed'; // local servers ignore it, the SDK insists on one
  switch (provider) {
    case 'gemini':
      return geminiAdapter(
        new GoogleGenAI({
          apiKey: key,
          vertexai: false,
          apiVersion: 'v1beta',
          httpOptions: { baseUrl, timeout: config.timeoutMs },
        }),
        config.maxRetries,
      );
    case 'groq':
      return chatCompletionsAdapter({
        provider,
        client: new Groq({ apiKey: key, ...common }) as unknown as ChatClient,
        maxTokensField: 'max_completion_tokens',
        streamUsage: false,
        // gpt-oss on Groq returns its reasoning unless told not to; nothing here reads it.
        extraBody: (req) => (/gpt-oss/.test(req.model) ? { include_reasoning: false } : {}),
      });
    case 'openai':
      return chatCompletionsAdapter({
        provider,
        client: new OpenAI({ apiKey: key, ...common }) as unknown as ChatClient,
        maxTokensField: 'max_completion_tokens',
        streamUsage: true,
      });
    case 'openrouter':
      return chatCompletionsAdapter({
        provider,
        client: new OpenAI({ apiKey: key, ...common, defaultHeaders: { 'X-Title': 'Aula' } }) as unknown as ChatClient,
        maxTokensField: 'max_tokens',
        streamUsage: true,
        // Route only to upstreams that honour every parameter sent (response_format above all).
        extraBody: () => ({ provider: { require_parameters: true } }),
      });
    case 'gpt-oss': {
      const effort = config.gptOssReasoningEffort;
      return chatCompletionsAdapter({
        provider,
        client: new OpenAI({ apiKey: key, ...common }) as unknown as ChatClient,
        maxTokensField: 'max_tokens',
        streamUsage: true,
        // vLLM/Ollama read `reasoning_effort`; llama.cpp reads it from chat_template_kwargs.
        extraBody: () => ({ reasoning_effort: effort, chat_template_kwargs: { reasoning_effort: effort } }),
      });
    }
  }
}
