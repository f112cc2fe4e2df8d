/**
 * How the email's confirm page (confirm.js) finds the console window that asked: a BroadcastChannel, which only
 * pages of the same origin in the same browser share. The confirm page says {type: "code", verification, code};
 * the window whose dialog waits for that verification answers "claimed", completes it with the completion secret
 * only it holds, then says "completed" or "failed" with the sentence it shows. No other window answers, and the
 * confirm page itself never completes anything.
 */

const NAME = 'scim-token-email-confirm';

/** The channel, or null in a browser without BroadcastChannel (the confirm page then shows the code to type). */
export function openConfirmChannel() {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(NAME) : null;
}
