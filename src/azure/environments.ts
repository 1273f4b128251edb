/**
 * Microsoft's published endpoints for each Azure cloud (the names are Azure CLI's `az cloud list`
 * names). Sources: "National clouds" (Microsoft identity platform) and "Microsoft Graph national
 * cloud deployments" for the authority and Graph hosts; Azure CLI's cloud table for Resource
 * Manager. Kept free of imports: settings.ts reads it while checking the inputs, before any
 * network code is loaded.
 */

interface AzureEndpoints {
  /** Microsoft Entra ID, where the app asks for its tokens. */
  authorityHost: string
  /** Azure Resource Manager: management groups and subscriptions. */
  resourceManagerUrl: string
  /** Microsoft Graph: the app's client secrets and their expiry. */
  graphUrl: string
}

export const AZURE_ENVIRONMENTS = {
  AzureCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    resourceManagerUrl: 'https://management.azure.com',
    graphUrl: 'https://graph.microsoft.com'
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    resourceManagerUrl: 'https://management.usgovcloudapi.net',
    graphUrl: 'https://graph.microsoft.us'
  },
  AzureChinaCloud: {
    // Microsoft also publishes login.partner.microsoftonline.cn for this cloud; both answer.
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManagerUrl: 'https://management.chinacloudapi.cn',
    graphUrl: 'https://microsoftgraph.chinacloudapi.cn'
  }
} as const satisfies Record<string, AzureEndpoints>

type AzureEnvironment = keyof typeof AZURE_ENVIRONMENTS

export const AZURE_ENVIRONMENT_NAMES = Object.keys(AZURE_ENVIRONMENTS) as AzureEnvironment[]

/** What the preflight was asked to do, read from the azure-* inputs. */
export interface AzureSettings extends AzureEndpoints {
  /**
   * Who the tokens are for: the cloud's own Resource Manager and Graph, whatever URL the requests
   * go to (an override points at a proxy or a test, not at another audience).
   */
  resourceManagerAudience: string
  graphAudience: string
  /** Warn when the secret in use expires within this many days. */
  expiryWarningDays: number
}
