//! The 63 Backend API endpoints of @clerk/backend 0.38.15, as data. Each JS method passes its
//! arguments as one object with named fields (e.g. `{ userId, params }`); an endpoint says
//! which of them make the path, which must be non-empty ids, and where the query and the body
//! come from.

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A piece of the path: literal text, or a named argument (percent-encoded as one segment).
#[derive(Debug, Clone, Copy)]
pub enum Seg {
    Lit(&'static str),
    Arg(&'static str),
}

/// Where query or body parameters come from.
#[derive(Debug, Clone, Copy)]
pub enum Params {
    None,
    /// The named argument is the parameters object.
    Arg(&'static str),
    /// An object literal of these arguments, as the reference builds `{ limit, offset }`.
    Pick(&'static [&'static str]),
    /// All arguments but these, as the reference's `{ organizationId, ...bodyParams }`.
    Omit(&'static [&'static str]),
}

/// What the answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Deserialized into resources.
    Resource,
    /// The `jwt` field of a Token (sessions.getToken).
    Jwt,
}

#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    pub name: &'static str,
    pub method: Method,
    pub path: &'static [Seg],
    /// Arguments that must be truthy ("A valid resource ID is required.").
    pub ids: &'static [&'static str],
    pub query: Params,
    pub body: Params,
    /// A multipart body (the form parts come with the call).
    pub form: bool,
    pub answer: Answer,
}

use Method::*;
use Params::{Arg as P, None as NoParams, Omit, Pick};
use Seg::{Arg as A, Lit as L};

const fn ep(
    name: &'static str,
    method: Method,
    path: &'static [Seg],
    ids: &'static [&'static str],
) -> Endpoint {
    Endpoint {
        name,
        method,
        path,
        ids,
        query: NoParams,
        body: NoParams,
        form: false,
        answer: Answer::Resource,
    }
}
const fn q(mut e: Endpoint, query: Params) -> Endpoint {
    e.query = query;
    e
}
const fn b(mut e: Endpoint, body: Params) -> Endpoint {
    e.body = body;
    e
}
const fn form(mut e: Endpoint) -> Endpoint {
    e.form = true;
    e
}
const fn jwt(mut e: Endpoint) -> Endpoint {
    e.answer = Answer::Jwt;
    e
}

const ALLOWLIST: Seg = L("/allowlist_identifiers");
const CLIENTS: Seg = L("/clients");
const EMAIL_ADDRESSES: Seg = L("/email_addresses");
const INVITATIONS: Seg = L("/invitations");
const ORGS: Seg = L("/organizations");
const PHONES: Seg = L("/phone_numbers");
const REDIRECTS: Seg = L("/redirect_urls");
const SESSIONS: Seg = L("/sessions");
const SIGN_IN_TOKENS: Seg = L("/sign_in_tokens");
const USERS: Seg = L("/users");
const ORG: &[&str] = &["organizationId"];
const ORG_USER: &[&str] = &["organizationId", "userId"];

/// Every endpoint. Ids are required wherever the path needs one; the reference forgot a few
/// (deleteDomain, deleteOrganization, the membership user and the invitation to revoke), and a
/// missing one there sent the request to another path.
pub static ENDPOINTS: [Endpoint; 63] = [
    ep(
        "allowlistIdentifiers.getAllowlistIdentifierList",
        Get,
        &[ALLOWLIST],
        &[],
    ),
    b(
        ep(
            "allowlistIdentifiers.createAllowlistIdentifier",
            Post,
            &[ALLOWLIST],
            &[],
        ),
        P("params"),
    ),
    ep(
        "allowlistIdentifiers.deleteAllowlistIdentifier",
        Delete,
        &[ALLOWLIST, A("id")],
        &["id"],
    ),
    ep("clients.getClientList", Get, &[CLIENTS], &[]),
    ep("clients.getClient", Get, &[CLIENTS, A("id")], &["id"]),
    b(
        ep("clients.verifyClient", Post, &[CLIENTS, L("verify")], &[]),
        Pick(&["token"]),
    ),
    ep(
        "domains.deleteDomain",
        Delete,
        &[L("/domains"), A("id")],
        &["id"],
    ),
    ep(
        "emailAddresses.getEmailAddress",
        Get,
        &[EMAIL_ADDRESSES, A("id")],
        &["id"],
    ),
    b(
        ep(
            "emailAddresses.createEmailAddress",
            Post,
            &[EMAIL_ADDRESSES],
            &[],
        ),
        P("params"),
    ),
    b(
        ep(
            "emailAddresses.updateEmailAddress",
            Patch,
            &[EMAIL_ADDRESSES, A("id")],
            &["id"],
        ),
        P("params"),
    ),
    ep(
        "emailAddresses.deleteEmailAddress",
        Delete,
        &[EMAIL_ADDRESSES, A("id")],
        &["id"],
    ),
    b(
        ep("emails.createEmail", Post, &[L("/emails")], &[]),
        P("params"),
    ),
    ep(
        "interstitial.getInterstitial",
        Get,
        &[L("internal/interstitial")],
        &[],
    ),
    q(
        ep("invitations.getInvitationList", Get, &[INVITATIONS], &[]),
        P("params"),
    ),
    b(
        ep("invitations.createInvitation", Post, &[INVITATIONS], &[]),
        P("params"),
    ),
    ep(
        "invitations.revokeInvitation",
        Post,
        &[INVITATIONS, A("id"), L("revoke")],
        &["id"],
    ),
    q(
        ep("organizations.getOrganizationList", Get, &[ORGS], &[]),
        P("params"),
    ),
    b(
        ep("organizations.createOrganization", Post, &[ORGS], &[]),
        P("params"),
    ),
    ep(
        "organizations.getOrganization",
        Get,
        &[ORGS, A("idOrSlug")],
        &["idOrSlug"],
    ),
    b(
        ep(
            "organizations.updateOrganization",
            Patch,
            &[ORGS, A("id")],
            &["id"],
        ),
        P("params"),
    ),
    form(ep(
        "organizations.updateOrganizationLogo",
        Put,
        &[ORGS, A("id"), L("logo")],
        &["id"],
    )),
    ep(
        "organizations.deleteOrganizationLogo",
        Delete,
        &[ORGS, A("id"), L("logo")],
        &["id"],
    ),
    b(
        ep(
            "organizations.updateOrganizationMetadata",
            Patch,
            &[ORGS, A("id"), L("metadata")],
            &["id"],
        ),
        P("params"),
    ),
    ep(
        "organizations.deleteOrganization",
        Delete,
        &[ORGS, A("id")],
        &["id"],
    ),
    q(
        ep(
            "organizations.getOrganizationMembershipList",
            Get,
            &[ORGS, A("organizationId"), L("memberships")],
            ORG,
        ),
        Pick(&["limit", "offset"]),
    ),
    b(
        ep(
            "organizations.createOrganizationMembership",
            Post,
            &[ORGS, A("organizationId"), L("memberships")],
            ORG,
        ),
        Pick(&["userId", "role"]),
    ),
    b(
        ep(
            "organizations.updateOrganizationMembership",
            Patch,
            &[ORGS, A("organizationId"), L("memberships"), A("userId")],
            ORG_USER,
        ),
        Pick(&["role"]),
    ),
    b(
        ep(
            "organizations.updateOrganizationMembershipMetadata",
            Patch,
            &[
                ORGS,
                A("organizationId"),
                L("memberships"),
                A("userId"),
                L("metadata"),
            ],
            ORG_USER,
        ),
        Pick(&["publicMetadata", "privateMetadata"]),
    ),
    ep(
        "organizations.deleteOrganizationMembership",
        Delete,
        &[ORGS, A("organizationId"), L("memberships"), A("userId")],
        ORG_USER,
    ),
    q(
        ep(
            "organizations.getOrganizationInvitationList",
            Get,
            &[ORGS, A("organizationId"), L("invitations")],
            ORG,
        ),
        Pick(&["status", "limit", "offset"]),
    ),
    q(
        ep(
            "organizations.getPendingOrganizationInvitationList",
            Get,
            &[ORGS, A("organizationId"), L("invitations"), L("pending")],
            ORG,
        ),
        Pick(&["limit", "offset"]),
    ),
    b(
        ep(
            "organizations.createOrganizationInvitation",
            Post,
            &[ORGS, A("organizationId"), L("invitations")],
            ORG,
        ),
        Omit(&["organizationId"]),
    ),
    ep(
        "organizations.getOrganizationInvitation",
        Get,
        &[
            ORGS,
            A("organizationId"),
            L("invitations"),
            A("invitationId"),
        ],
        &["organizationId", "invitationId"],
    ),
    b(
        ep(
            "organizations.revokeOrganizationInvitation",
            Post,
            &[
                ORGS,
                A("organizationId"),
                L("invitations"),
                A("invitationId"),
                L("revoke"),
            ],
            &["organizationId", "invitationId"],
        ),
        Pick(&["requestingUserId"]),
    ),
    ep(
        "phoneNumbers.getPhoneNumber",
        Get,
        &[PHONES, A("id")],
        &["id"],
    ),
    b(
        ep("phoneNumbers.createPhoneNumber", Post, &[PHONES], &[]),
        P("params"),
    ),
    b(
        ep(
            "phoneNumbers.updatePhoneNumber",
            Patch,
            &[PHONES, A("id")],
            &["id"],
        ),
        P("params"),
    ),
    ep(
        "phoneNumbers.deletePhoneNumber",
        Delete,
        &[PHONES, A("id")],
        &["id"],
    ),
    ep("redirectUrls.getRedirectUrlList", Get, &[REDIRECTS], &[]),
    ep(
        "redirectUrls.getRedirectUrl",
        Get,
        &[REDIRECTS, A("id")],
        &["id"],
    ),
    b(
        ep("redirectUrls.createRedirectUrl", Post, &[REDIRECTS], &[]),
        P("params"),
    ),
    ep(
        "redirectUrls.deleteRedirectUrl",
        Delete,
        &[REDIRECTS, A("id")],
        &["id"],
    ),
    b(
        ep(
            "smsMessages.createSMSMessage",
            Post,
            &[L("/sms_messages")],
            &[],
        ),
        P("params"),
    ),
    q(
        ep("sessions.getSessionList", Get, &[SESSIONS], &[]),
        P("params"),
    ),
    ep("sessions.getSession", Get, &[SESSIONS, A("id")], &["id"]),
    ep(
        "sessions.revokeSession",
        Post,
        &[SESSIONS, A("id"), L("revoke")],
        &["id"],
    ),
    b(
        ep(
            "sessions.verifySession",
            Post,
            &[SESSIONS, A("id"), L("verify")],
            &["id"],
        ),
        Pick(&["token"]),
    ),
    jwt(ep(
        "sessions.getToken",
        Post,
        &[SESSIONS, A("id"), L("tokens"), A("template")],
        &["id"],
    )),
    b(
        ep(
            "signInTokens.createSignInToken",
            Post,
            &[SIGN_IN_TOKENS],
            &[],
        ),
        P("params"),
    ),
    ep(
        "signInTokens.revokeSignInToken",
        Post,
        &[SIGN_IN_TOKENS, A("id"), L("revoke")],
        &["id"],
    ),
    q(ep("users.getUserList", Get, &[USERS], &[]), P("params")),
    ep("users.getUser", Get, &[USERS, A("id")], &["id"]),
    b(ep("users.createUser", Post, &[USERS], &[]), P("params")),
    b(
        ep("users.updateUser", Patch, &[USERS, A("id")], &["id"]),
        P("params"),
    ),
    form(ep(
        "users.updateUserProfileImage",
        Post,
        &[USERS, A("id"), L("profile_image")],
        &["id"],
    )),
    b(
        ep(
            "users.updateUserMetadata",
            Patch,
            &[USERS, A("id"), L("metadata")],
            &["id"],
        ),
        P("params"),
    ),
    ep("users.deleteUser", Delete, &[USERS, A("id")], &["id"]),
    q(
        ep("users.getCount", Get, &[USERS, L("count")], &[]),
        P("params"),
    ),
    ep(
        "users.getUserOauthAccessToken",
        Get,
        &[USERS, A("id"), L("oauth_access_tokens"), A("provider")],
        &["id"],
    ),
    ep(
        "users.disableUserMFA",
        Delete,
        &[USERS, A("id"), L("mfa")],
        &["id"],
    ),
    q(
        ep(
            "users.getOrganizationMembershipList",
            Get,
            &[USERS, A("userId"), L("organization_memberships")],
            &["userId"],
        ),
        Pick(&["limit", "offset"]),
    ),
    b(
        ep(
            "users.verifyPassword",
            Post,
            &[USERS, A("userId"), L("verify_password")],
            &["userId"],
        ),
        Pick(&["password"]),
    ),
    b(
        ep(
            "users.verifyTOTP",
            Post,
            &[USERS, A("userId"), L("verify_totp")],
            &["userId"],
        ),
        Pick(&["code"]),
    ),
];

pub fn endpoint(name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_three_distinct_endpoints_in_fourteen_namespaces() {
        let mut names: Vec<_> = ENDPOINTS.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 63);
        let mut spaces: Vec<_> = names.iter().map(|n| n.split('.').next().unwrap()).collect();
        spaces.dedup();
        assert_eq!(spaces.len(), 14);
        // every id that must be present is used in the path
        for e in ENDPOINTS.iter() {
            for id in e.ids {
                assert!(
                    e.path.iter().any(|s| matches!(s, Seg::Arg(a) if a == id)),
                    "{}",
                    e.name
                );
            }
        }
    }
}
