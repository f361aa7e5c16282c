"""Handing a learner's credential to a phone wallet: offers (``offers``), the holder's proof
of its DID (``holder_proof``), the re-issued credential (``reissue``), the W3C VC-API
exchange the DCC Learner Credential Wallet runs (``vcapi``) and the OpenID4VCI 1.0
pre-authorized code flow (``oid4vci``)."""
