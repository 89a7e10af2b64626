"""Protocol primitives: SigV4, PKCE and DPoP, as pure functions plus httpx.Auth adapters."""
