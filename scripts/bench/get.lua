-- A Kaleyra GET callback (the spec's full query template) with a fresh message id per request.
local counter = 0
local statuses = {"sent", "delivered", "read", "failed"}
request = function()
  counter = counter + 1
  local status = statuses[counter % 4 + 1]
  local path = string.format(
    "%s?id=ad97e%03d-c923-4a1b-b3a3-0b1%09d:0&custom_response=false&timestamp=1710000042" ..
    "&mobile=9198765%05d&message=Message%%20%s&status=%s&phone_number=9198765%05d" ..
    "&error=&error_code=&ref=campaign-7&ref1=%%3Cref1%%3E&ref2=%%3Cref2%%3E&price=0.01&whatsapp_number=918000000001",
    wrk.path, counter % 1000, counter, counter % 100000, status, status, counter % 100000)
  return wrk.format("GET", path)
end
