import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The admin's page: staff accounts, their roles and desks, deactivation and new passwords.
struct StaffAccountPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.accounts.route, use: accounts)
        router.post(PagePath.accounts.route, use: createAccount)
        router.post(PagePath.account.route, use: updateAccount)
    }

    /// `GET /staff/accounts`
    @Sendable func accounts(_ request: Request, context: LoketRequestContext) async throws -> Response {
        return try await asStaff(request, .admin, desk: nil) { _, web in
            return try await accountsPage(web, notice: request.query("notice"))
        }
    }

    /// `POST /staff/accounts`
    @Sendable func createAccount(_ request: Request, context: LoketRequestContext) async throws -> Response {
        return try await asStaff(request, .admin, desk: nil) { account, web in
            let form = try await web.form(request)
            let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let password = form["password"] ?? ""
            var errors: [FieldError] = []
            if !StaffAccount.validUsername(username) {
                errors.append(
                    FieldError(field: "username", message: WebCopy.text("error.username.invalid", web.language)))
            }
            if password.count < StaffAccount.minimumPasswordLength {
                errors.append(FieldError(field: "password", message: WebCopy.text("passwordHint", web.language)))
            }
            let role = StaffRole(rawValue: form["role"] ?? "")
            if role == nil { errors.append(roleUnknown(field: "role", web.language)) }
            let desk = form["desk"].flatMap { loket.network.desk($0)?.code }
            if let role, role != .admin, desk == nil { errors.append(deskNeeded(field: "desk", web.language)) }
            guard errors.isEmpty, let role else {
                return try await accountsPage(web, form: ["username": username], errors: errors)
            }
            do {
                try await loket.staff.createStaff(
                    username: username, password: password, role: role, desk: desk, by: account.id)
            } catch let error as Refusal {
                return try await accountsPage(
                    web, form: ["username": username],
                    errors: [FieldError(field: "username", message: WebCopy.message(error, web.language))])
            }
            return redirect(PagePath.accounts.link(query: ["notice": "saved"]))
        }
    }

    /// `POST /staff/accounts/{id}`
    @Sendable func updateAccount(_ request: Request, context: LoketRequestContext) async throws -> Response {
        return try await asStaff(request, .admin, desk: nil) { account, web in
            let form = try await web.form(request)
            let id = try context.parameters.require("id")
            guard try await loket.staff.staffAccount(id: id) != nil else {
                return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
            }
            // An admin cannot change their own role, nor lock themselves out by accident.
            let role = id == account.id ? account.role : StaffRole(rawValue: form["role"] ?? "")
            let desk = form["desk"].flatMap { loket.network.desk($0)?.code }
            let password = form["password"].flatMap { $0.isEmpty ? nil : $0 }
            // Every field is checked before anything is written: a refused change changes nothing.
            var errors: [FieldError] = []
            if role == nil { errors.append(roleUnknown(field: "role-\(id)", web.language)) }
            if id != account.id, let role, role != .admin, desk == nil {
                errors.append(deskNeeded(field: "desk-\(id)", web.language))
            }
            if let password, password.count < StaffAccount.minimumPasswordLength {
                errors.append(FieldError(field: "password-\(id)", message: WebCopy.text("passwordHint", web.language)))
            }
            guard errors.isEmpty, let role else { return try await accountsPage(web, errors: errors) }
            let active = id == account.id ? true : form["active"] == "1"
            try await loket.staff.updateStaff(
                id: id, role: role, desk: desk, active: active, password: password, by: account.id)
            return redirect(PagePath.accounts.link(query: ["notice": "saved"]))
        }
    }
}

extension StaffAccountPages {
    /// Clerks and desk managers work at one desk; only an admin works at all of them.
    func deskNeeded(field: String, _ language: Customer.Language) -> FieldError {
        FieldError(field: field, message: WebCopy.text("error.desk.required", language))
    }

    /// A role the form does not offer (a stale or altered form) is refused, not read as a clerk's.
    func roleUnknown(field: String, _ language: Customer.Language) -> FieldError {
        FieldError(field: field, message: WebCopy.text("error.role.unknown", language))
    }

    func accountsPage(
        _ web: WebRequest, notice: String? = nil, form: [String: String] = [:], errors: [FieldError] = []
    ) async throws -> Response {
        let language = web.language
        let desks = loket.network.desks.filter { !$0.isClosedForGood(on: loket.today) }
        func deskOptions(_ chosen: String?) -> [AccountsPage.Option] {
            [AccountsPage.Option(value: "", name: WebCopy.text("allDesks", language), selected: chosen == nil)]
                + desks.map {
                    AccountsPage.Option(value: $0.code, name: "\($0.code) — \($0.name)", selected: $0.code == chosen)
                }
        }
        func roleOptions(_ chosen: StaffRole) -> [AccountsPage.Option] {
            StaffRole.allCases.map {
                AccountsPage.Option(
                    value: $0.rawValue, name: WebCopy.text("role.\($0.rawValue)", language), selected: $0 == chosen)
            }
        }
        let accounts = try await loket.staff.staffAccounts()
        let page = AccountsPage(
            form: form, notice: notice == "saved" ? WebCopy.text("saved", language) : nil,
            accounts: accounts.map { account in
                AccountsPage.Account(
                    id: account.id, username: account.username, active: account.active,
                    roles: roleOptions(account.role), desks: deskOptions(account.desk))
            },
            newRoles: roleOptions(.clerk), newDesks: deskOptions(nil))
        return pages.render(
            "accounts", web, title: WebCopy.text("accountsTitle", language), page: page,
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
