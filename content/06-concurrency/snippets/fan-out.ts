/**
 * Three upstream calls, awaited one after another, all at once, and all
 * at once keeping whatever succeeded.
 */
export interface Upstream {
  profile(userId: number, signal?: AbortSignal): Promise<{ name: string }>;
  invoices(userId: number, signal?: AbortSignal): Promise<{ open: number }>;
  notifications(userId: number, signal?: AbortSignal): Promise<string[]>;
}

// #region sequential
export async function sequential(api: Upstream, userId: number) {
  // Each await suspends this function until its call is done:
  // the three waits add up.
  const profile = await api.profile(userId);
  const invoices = await api.invoices(userId);
  const notifications = await api.notifications(userId);
  return { profile, invoices, notifications };
}
// #endregion

// #region all
export async function concurrent(api: Upstream, userId: number) {
  // All three calls start on this line; the wait is the slowest one.
  const [profile, invoices, notifications] = await Promise.all([
    api.profile(userId),
    api.invoices(userId),
    api.notifications(userId),
  ]);
  return { profile, invoices, notifications };
}
// #endregion

// #region settled
export async function bestEffort(api: Upstream, userId: number) {
  const [profile, invoices, notifications] = await Promise.allSettled([
    api.profile(userId),
    api.invoices(userId),
    api.notifications(userId),
  ]);
  if (profile.status === 'rejected') throw profile.reason;
  return {
    profile: profile.value,
    // Optional panels degrade to null instead of failing the page.
    invoices: invoices.status === 'fulfilled' ? invoices.value : null,
    notifications:
      notifications.status === 'fulfilled' ? notifications.value : [],
  };
}
// #endregion
