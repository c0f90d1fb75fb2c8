// A minimal upstream OpenAPI 3.0 document with the two restore operations, unrelated parts and their components.
using System.Linq;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator.Tests;

internal static class Fixture
{
    public const string UserOperationId = "packages/restore-package-for-authenticated-user";
    public const string OrgOperationId = "packages/restore-package-for-org";
    public const string UserPath = "/user/packages/{package_type}/{package_name}/restore";
    public const string OrgPath = "/orgs/{org}/packages/{package_type}/{package_name}/restore";
    public const string UserPost = "/paths/~1user~1packages~1{package_type}~1{package_name}~1restore/post";
    public const string OrgPost = "/paths/~1orgs~1{org}~1packages~1{package_type}~1{package_name}~1restore/post";

    public static JsonObject Upstream() => JsonNode.Parse(UpstreamJson)!.AsObject();

    public static JsonObject Operation(JsonObject upstream, string path) => upstream["paths"]![path]!["post"]!.AsObject();

    public static JsonObject Component(JsonObject upstream, string section, string name) => upstream["components"]![section]![name]!.AsObject();

    // A copy with the keys of this object in reverse order (values are copied unchanged).
    public static JsonObject Reversed(JsonObject source) =>
        new(source.Reverse().Select(p => System.Collections.Generic.KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    private const string UpstreamJson = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Fixture of GitHub's API — résumé", "version": "0.0.1" },
          "tags": [ { "name": "packages" } ],
          "servers": [ { "url": "https://api.example.test" } ],
          "externalDocs": { "url": "https://docs.example.test" },
          "paths": {
            "/user/packages": {
              "get": {
                "operationId": "packages/list-packages-for-authenticated-user",
                "parameters": [ { "$ref": "#/components/parameters/package-visibility" } ],
                "responses": {
                  "200": {
                    "description": "Response",
                    "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/package" } } } }
                  }
                }
              }
            },
            "/user/packages/{package_type}/{package_name}/restore": {
              "post": {
                "summary": "Restore a package for the authenticated user",
                "description": "Restores a package owned by the authenticated user — if it's \"deleted\" within 30 days.",
                "tags": [ "packages" ],
                "operationId": "packages/restore-package-for-authenticated-user",
                "externalDocs": { "description": "API method documentation", "url": "https://docs.example.test/user-restore" },
                "parameters": [
                  { "$ref": "#/components/parameters/package-type" },
                  { "$ref": "#/components/parameters/package-name" },
                  { "name": "token", "description": "package token", "schema": { "type": "string" }, "required": false, "in": "query" }
                ],
                "responses": {
                  "204": { "description": "Response" },
                  "401": { "$ref": "#/components/responses/requires_authentication" },
                  "403": { "$ref": "#/components/responses/forbidden" },
                  "404": { "$ref": "#/components/responses/not_found" }
                },
                "x-github": { "githubCloudOnly": false, "category": "packages" }
              }
            },
            "/orgs/{org}/packages/{package_type}/{package_name}/restore": {
              "get": {
                "operationId": "fixture/unrelated-get",
                "responses": {
                  "200": { "description": "Response", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/simple-user" } } } }
                }
              },
              "post": {
                "summary": "Restore a package for an organization",
                "description": "Restores an entire package in an organization.",
                "tags": [ "packages" ],
                "operationId": "packages/restore-package-for-org",
                "externalDocs": { "description": "API method documentation", "url": "https://docs.example.test/org-restore" },
                "parameters": [
                  { "$ref": "#/components/parameters/package-type" },
                  { "$ref": "#/components/parameters/package-name" },
                  { "$ref": "#/components/parameters/org" },
                  { "name": "token", "description": "package token", "schema": { "type": "string" }, "required": false, "in": "query" }
                ],
                "responses": {
                  "204": { "description": "Response" },
                  "401": { "$ref": "#/components/responses/requires_authentication" },
                  "403": { "$ref": "#/components/responses/forbidden" },
                  "404": { "$ref": "#/components/responses/not_found" }
                },
                "x-github": { "githubCloudOnly": false, "category": "packages" }
              }
            }
          },
          "components": {
            "schemas": {
              "simple-user": { "type": "object", "properties": { "login": { "type": "string" } } },
              "basic-error": {
                "title": "Basic Error",
                "type": "object",
                "properties": {
                  "message": { "type": "string" },
                  "status": { "type": "string" },
                  "errors": { "type": "array", "items": { "$ref": "#/components/schemas/error-detail" } }
                }
              },
              "error-detail": { "type": "object", "properties": { "code": { "type": "string" } } },
              "package": { "type": "object", "properties": { "name": { "type": "string" } } }
            },
            "parameters": {
              "package-visibility": { "name": "visibility", "in": "query", "schema": { "type": "string" } },
              "package-type": {
                "name": "package_type",
                "description": "The type of supported package.",
                "in": "path",
                "required": true,
                "schema": { "type": "string", "enum": [ "npm", "maven", "rubygems", "docker", "nuget", "container" ] }
              },
              "package-name": { "name": "package_name", "description": "The name of the package.", "in": "path", "required": true, "schema": { "type": "string" } },
              "org": { "name": "org", "description": "The organization name.", "in": "path", "required": true, "schema": { "type": "string" } }
            },
            "responses": {
              "validation_failed": { "description": "Validation failed", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/basic-error" } } } },
              "requires_authentication": { "description": "Requires authentication", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/basic-error" } } } },
              "forbidden": { "description": "Forbidden", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/basic-error" } } } },
              "not_found": { "description": "Resource not found", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/basic-error" } } } }
            },
            "headers": { "link": { "schema": { "type": "string" } } }
          }
        }
        """;
}
