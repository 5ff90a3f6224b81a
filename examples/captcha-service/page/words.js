// @ts-check
/**
 * The few words the login page writes itself, in each locale the service answers in.
 *
 * Everything a refusal says comes from the service: its problem's `title` and `detail` are the
 * verify catalog's user message, already in the reader's language. This table holds only what
 * no answer carries: the form's labels, the button that starts again, the label of the
 * reference to quote, the retry countdown, the pass and the page's own failures. The Chinese
 * is written for each audience (Taiwan's usage in `zh-TW`), not converted from the other.
 *
 * No DOM here: app.js shows the words (as text, never as markup) and the browser test reads
 * the table to check that no English is left on a Chinese page.
 *
 * @module
 */

/**
 * The page's own words in one locale.
 * @typedef {{
 *   pageTitle: string,
 *   heading: string,
 *   note: string,
 *   username: string,
 *   password: string,
 *   signIn: string,
 *   captcha: string,
 *   configProblems: string,
 *   enterUsername: string,
 *   signingIn: string,
 *   notSent: string,
 *   unexpected: string,
 *   signedIn: (who: string) => string,
 *   verified: string,
 *   startAgain: string,
 *   retryIn: (seconds: number) => string,
 *   quoteReference: string,
 *   notSolved: string,
 *   notShown: string,
 *   notShownLater: string,
 *   notLoaded: string,
 * }} Words
 */

/** @type {Words} */
const en = {
  pageTitle: "Sign in: captcha-service example",
  heading: "Sign in",
  note: "An example service. It checks no password: it shows what a login answers once the captcha has been verified on the server.",
  username: "Username",
  password: "Password",
  signIn: "Sign in",
  captcha: "Captcha",
  configProblems: "The captcha config has problems",
  enterUsername: "Please enter your username, then sign in.",
  signingIn: "Signing in…",
  notSent: "The sign-in could not be sent. Check your connection and try again.",
  unexpected: "The sign-in could not be completed. Please try again.",
  signedIn: (who) => `Signed in as ${who}.`,
  verified: "The captcha was verified by the server.",
  startAgain: "Start again",
  retryIn: (seconds) => `You can try again in ${seconds} seconds.`,
  quoteReference: "If you contact us about it, quote this reference: ",
  notSolved: "The captcha was not solved. Please try again.",
  notShown: "The captcha could not be shown.",
  notShownLater: "The captcha could not be shown. Please try again later.",
  notLoaded: "The captcha could not be loaded. Please reload the page.",
};

/** @type {Words} */
const zhCN = {
  pageTitle: "登录：captcha-service 示例",
  heading: "登录",
  note: "示例服务。它不核对密码，只演示服务器确认验证码之后，登录请求会得到怎样的答复。",
  username: "用户名",
  password: "密码",
  signIn: "登录",
  captcha: "验证码",
  configProblems: "验证码配置有问题",
  enterUsername: "请先填写用户名，再点击登录。",
  signingIn: "正在登录…",
  notSent: "登录请求没能发出。请检查网络连接后再试。",
  unexpected: "登录没能完成，请再试一次。",
  signedIn: (who) => `已登录，用户名：${who}。`,
  verified: "服务器已确认验证码有效。",
  startAgain: "重新开始",
  retryIn: (seconds) => `${seconds} 秒后可以再试。`,
  quoteReference: "如需联系我们，请提供这个参考编号：",
  notSolved: "验证码没有完成，请再试一次。",
  notShown: "验证码无法显示。",
  notShownLater: "验证码无法显示，请稍后再试。",
  notLoaded: "验证码没能加载，请刷新页面。",
};

/** @type {Words} */
const zhTW = {
  pageTitle: "登入：captcha-service 範例",
  heading: "登入",
  note: "範例服務。它不檢查密碼，只示範伺服器確認過驗證碼之後，登入會收到什麼回應。",
  username: "使用者名稱",
  password: "密碼",
  signIn: "登入",
  captcha: "驗證碼",
  configProblems: "驗證碼設定有問題",
  enterUsername: "請先輸入使用者名稱，再按「登入」。",
  signingIn: "登入中…",
  notSent: "登入要求無法送出。請檢查網路連線，然後再試一次。",
  unexpected: "無法完成登入，請再試一次。",
  signedIn: (who) => `已登入，使用者名稱：${who}。`,
  verified: "伺服器已確認驗證碼通過。",
  startAgain: "重新開始",
  retryIn: (seconds) => `請在 ${seconds} 秒後再試。`,
  quoteReference: "若要與我們聯絡，請提供這組參考代碼：",
  notSolved: "尚未完成驗證碼，請再試一次。",
  notShown: "驗證碼無法顯示。",
  notShownLater: "驗證碼無法顯示，請稍後再試。",
  notLoaded: "驗證碼無法載入，請重新整理頁面。",
};

/**
 * The page's words by locale tag, as `Content-Language` names them (the TS package's
 * `LOCALES`); English is the default.
 * @type {{ readonly en: Words, readonly "zh-CN": Words, readonly "zh-TW": Words }}
 */
export const WORDS = { en, "zh-CN": zhCN, "zh-TW": zhTW };
