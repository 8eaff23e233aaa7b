/**
 * The chat page's look, from config: the clinic's name, colour and avatar, turned into Web Chat
 * styleOptions and the values the page and embed templates show. Config has already checked the
 * colour and URL formats, so they are safe to place in CSS and attributes.
 */
import type { AppConfig } from '../../config';

export type WebChatLookConfig = Pick<
  AppConfig,
  'WEBCHAT_TITLE' | 'WEBCHAT_SUBTITLE' | 'WEBCHAT_PRIMARY_COLOR' | 'WEBCHAT_BOT_AVATAR_INITIALS' | 'WEBCHAT_BOT_AVATAR_URL'
>;

export interface WebChatLook {
  title: string;
  subtitle: string;
  primaryColor: string;
  /** Black or white, whichever reads better on the primary colour (the header, the visitor's bubbles). */
  onPrimaryColor: string;
  /** A pale tint of the primary colour for the page background. */
  tintColor: string;
  avatarInitials: string;
  avatarUrl?: string;
  emergencyNumber: string;
  /** The page's lang and Web Chat's locale (dates, times, its own labels), from REGION: en-GB for the UK. */
  locale: string;
  /** Web Chat's styleOptions (https://github.com/microsoft/BotFramework-WebChat, defaultStyleOptions). */
  styleOptions: Record<string, unknown>;
  sendBoxPlaceholder: string;
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function readableTextOn(hex: string): string {
  const contrastWithWhite = 1.05 / (luminance(hex) + 0.05);
  const contrastWithBlack = (luminance(hex) + 0.05) / 0.05;
  return contrastWithWhite >= contrastWithBlack ? '#ffffff' : '#111827';
}

/** Mixes `amount` (0..1) of the colour into white. */
function tint(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) =>
      Math.round(255 - (255 - c) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `locale` is the region's (regions.yaml): the bot speaks English, the region decides how dates and times read. */
export function webChatLook(config: WebChatLookConfig, emergencyNumber: string, locale: string): WebChatLook {
  const primary = config.WEBCHAT_PRIMARY_COLOR.toLowerCase();
  const onPrimary = readableTextOn(primary);
  const avatar = config.WEBCHAT_BOT_AVATAR_URL ? { botAvatarImage: config.WEBCHAT_BOT_AVATAR_URL } : {};
  return {
    title: config.WEBCHAT_TITLE,
    subtitle: config.WEBCHAT_SUBTITLE,
    primaryColor: primary,
    onPrimaryColor: onPrimary,
    tintColor: tint(primary, 0.08),
    avatarInitials: config.WEBCHAT_BOT_AVATAR_INITIALS,
    avatarUrl: config.WEBCHAT_BOT_AVATAR_URL,
    emergencyNumber,
    locale,
    sendBoxPlaceholder: 'Ask about running and back pain…',
    styleOptions: {
      accent: primary,
      backgroundColor: '#f7f9f9',
      primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      botAvatarInitials: config.WEBCHAT_BOT_AVATAR_INITIALS,
      botAvatarBackgroundColor: primary,
      ...avatar,
      avatarSize: 36,
      bubbleBackground: '#ffffff',
      bubbleBorderColor: '#dfe5e5',
      bubbleBorderRadius: 14,
      bubbleBorderWidth: 1,
      bubbleMaxWidth: 520,
      bubbleFromUserBackground: primary,
      bubbleFromUserTextColor: onPrimary,
      bubbleFromUserBorderRadius: 14,
      bubbleFromUserBorderWidth: 0,
      // One row that scrolls sideways: four stacked chips would leave a phone with the keyboard open no transcript.
      suggestedActionLayout: 'carousel',
      suggestedActionHeight: 44,
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: primary,
      suggestedActionTextColor: primary,
      suggestedActionBorderRadius: 18,
      suggestedActionBorderWidth: 1,
      sendBoxButtonColor: primary,
      sendBoxButtonColorOnHover: primary,
      sendBoxBorderTop: '1px solid #dfe5e5',
      sendBoxHeight: 48,
      hideUploadButton: true,
      timestampColor: '#5f6b6b',
    },
  };
}
