-- A Kaleyra POST callback (the spec's JSON template, every value a string) with a fresh id per request.
local counter = 0
local statuses = {"sent", "delivered", "read", "failed"}
local headers = {["Content-Type"] = "application/json"}
request = function()
  counter = counter + 1
  local status = statuses[counter % 4 + 1]
  local body = string.format(
    '{"id": "ad97e%03d-c923-4a1b-b3a3-0b1%09d:0", "custom_response": "false", "timestamp": "1710000042", ' ..
    '"mobile": "9198765%05d", "message": "Message %s", "status": "%s", "phone_number": "9198765%05d", ' ..
    '"error": "", "error_code": "", "ref": "campaign-7", "ref1": "<ref1>", "ref2": "<ref2>", "price": "0.01", ' ..
    '"whatsapp_number": "918000000001"}',
    counter % 1000, counter, counter % 100000, status, status, counter % 100000)
  return wrk.format("POST", wrk.path, headers, body)
end
